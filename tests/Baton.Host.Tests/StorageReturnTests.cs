using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Host.Tests;

/// <summary>
/// Storage goes away with runs in flight and comes back on the same ports with the same data: while it is away the host
/// answers 503 with Retry-After and is not ready; once it is back every run completes by itself, nobody restarting
/// anything. Prints how long recovery took.
/// </summary>
public sealed class StorageReturnTests(ITestOutputHelper output) : IDisposable
{
    private const int Runs = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "baton-storage-return", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is going away; the folder is under the temp folder.
        }
    }

    [Fact]
    public async Task StorageStopsWithRunsInFlight_Answers503AndIsNotReady_ThenEveryRunCompletesWhenItReturns()
    {
        var workflows = Path.Combine(_folder, "workflows");
        Directory.CreateDirectory(workflows);
        // An agent step (an activity), then an approval nobody answers that approves itself after a durable timer: each
        // run has queued work, a ledger record and a timer message in storage while storage is away.
        await File.WriteAllTextAsync(Path.Combine(workflows, "tick.yaml"), """
            name: tick
            inputs:
              n: { type: integer, required: true }
              approvers: { type: array, required: true, items: { type: string, format: email } }
            steps:
              - name: note
                kind: agent
                agent: writer
                prompt: "Write one line about tick {{ input.n }}."
              - name: gate
                kind: approval
                title: "Tick {{ input.n }}"
                approvers: "{{ input.approvers }}"
                timeout: 15s
                default: approve
            output: { n: "{{ input.n }}", approved: "{{ gate.approved }}" }
            """);
        var azurite = AzuriteFixture.WithDataFolder(Path.Combine(_folder, "azurite"));
        await azurite.InitializeAsync();
        try
        {
            await using var host = await RunningHost.StartAsync(azurite, extraSettings: new Dictionary<string, string?> { ["Baton:Workflows:Folder"] = workflows });
            var ids = new List<string>();
            for (var n = 0; n < Runs; n++)
            {
                using var started = await host.Http.PostAsJsonAsync("/api/workflows/tick", new { n, approvers = new[] { "ann@example.com" } });
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                ids.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            }

            await Eventually.UntilAsync(
                async () => (await host.Http.GetFromJsonAsync<JsonElement>("/api/approvals?status=pending")).GetArrayLength(),
                pending => pending == Runs,
                $"{Runs} pending approvals",
                Deadline);

            await azurite.StopAsync();
            var outage = Stopwatch.StartNew();
            using var start = await host.Http.PostAsync("/api/workflows/tick", new StringContent("""{"n":99,"approvers":["ann@example.com"]}""", Encoding.UTF8, "application/json"));
            using var notReady = await host.Http.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
            Assert.NotNull(start.Headers.RetryAfter);
            Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);

            await azurite.RestartAsync();
            var down = outage.Elapsed;
            var back = Stopwatch.StartNew();
            await Eventually.UntilAsync(
                async () => (await host.Http.GetAsync("/health/ready")).StatusCode,
                code => code == HttpStatusCode.OK,
                "readiness after storage returned",
                Deadline);
            var ready = back.Elapsed;
            var done = await Task.WhenAll(ids.Select(id => Eventually.UntilAsync(
                async () => await host.Http.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances/" + id),
                s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated",
                $"run {id} to finish",
                Deadline)));
            var completed = back.Elapsed;

            output.WriteLine($"storage away {down.TotalSeconds:F1} s; ready {ready.TotalSeconds:F1} s after it returned; all {Runs} runs completed {completed.TotalSeconds:F1} s after it returned");
            Assert.All(done, s => Assert.Equal("Completed", s.GetProperty("runtimeStatus").GetString()));
            Assert.All(done, s => Assert.True(s.GetProperty("output").GetProperty("output").GetProperty("approved").GetBoolean()));
            Assert.Equal(Enumerable.Range(0, Runs), done.Select(s => s.GetProperty("output").GetProperty("output").GetProperty("n").GetInt32()).Order());
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
