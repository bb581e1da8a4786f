using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Agents;
using Baton.Approvals;
using Baton.Durable;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Host.Tests;

/// <summary>
/// The approvals ledger across real host processes' worth of hosts on one task hub on Azurite: exactly one decision
/// however many posts race, a decision lost to a crash still delivered, and decisions from outside the list refused.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApprovalLedgerHostTests(AzuriteFixture azurite) : IDisposable
{
    private const string Approver = "ann@example.com";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _workflows = GateWorkflows();

    public void Dispose() => Directory.Delete(_workflows, recursive: true);

    /// <summary>A folder with one YAML workflow that only asks for an approval and returns it: quick to run twenty times.</summary>
    private static string GateWorkflows()
    {
        var folder = Path.Combine(Path.GetTempPath(), "baton-ledger-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "gate.yaml"), """
            name: gate
            description: Asks for one approval and returns it.
            steps:
              - name: ok
                kind: approval
                approvalKind: sign-off
                title: "Gate {{ input.n }}"
                approvers: "{{ input.approvers }}"
                timeout: 1d
            output: { approved: "{{ ok.approved }}", approver: "{{ ok.approver }}", channel: "{{ ok.channel }}" }
            """);
        return folder;
    }

    private Task<RunningHost> StartHostAsync(string hub, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        settings ??= [];
        settings["Baton:Workflows:Folder"] = _workflows;
        return RunningHost.StartAsync(azurite, hubName: hub, extraSettings: settings, configureServices: services);
    }

    private static async Task<string> StartGateAsync(RunningHost host, int n)
    {
        using var response = await host.Http.PostAsJsonAsync("/api/workflows/gate", new { n, approvers = new[] { Approver } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Waits until the ledger lists the run's approval with <paramref name="status"/>; returns it.</summary>
    private static Task<JsonElement> ListedAsync(RunningHost host, string instanceId, string status = "pending", Func<JsonElement, bool>? also = null) =>
        Eventually.UntilAsync(
            async () =>
            {
                var list = await host.Http.GetFromJsonAsync<JsonElement>("/api/approvals?status=" + status);
                return list.EnumerateArray().FirstOrDefault(a => a.GetProperty("instanceId").GetString() == instanceId && (also?.Invoke(a) ?? true));
            },
            a => a.ValueKind == JsonValueKind.Object,
            $"the approval of {instanceId} listed as {status}",
            Deadline);

    private static Uri Link(RunningHost host, string instanceId, string eventName, string approver = Approver)
    {
        var token = host.App.Services.GetRequiredService<IApprovalTokenService>()
            .Create(new ApprovalTokenClaims(instanceId, eventName, approver, DateTimeOffset.UtcNow.AddDays(1), Guid.NewGuid().ToString("N")));
        return new Uri(host.BaseUrl + "/api/approvals/" + token);
    }

    private static DurableTaskClient Client(RunningHost host) => host.App.Services.GetRequiredService<DurableTaskClient>();

    [Fact]
    public async Task TwoHostsOneHub_FiftyConcurrentMixedPostsSplitAcrossBoth_ExactlyOneDecisionTwentyTimesOver()
    {
        var hub = AzuriteFixture.NewHubName("Ledger");
        await using var a = await StartHostAsync(hub);
        await using var b = await StartHostAsync(hub);
        var runs = await Task.WhenAll(Enumerable.Range(1, 20).Select(n => StartGateAsync(n % 2 == 0 ? a : b, n)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        foreach (var id in runs)
        {
            var eventName = (await ListedAsync(a, id)).GetProperty("eventName").GetString()!;
            var links = new[] { Link(a, id, eventName), Link(b, id, eventName) };
            var posts = Enumerable.Range(0, 50).Select(async i =>
            {
                var approve = i % 3 != 0;
                using var response = await http.PostAsJsonAsync(links[i % 2], new { approved = approve, comment = $"post {i}" });
                return (Status: (int)response.StatusCode, Approve: approve, Comment: $"post {i}");
            });
            var replies = await Task.WhenAll(posts);
            var done = await Eventually.CompletionAsync(Client(a), id, Deadline);

            var winner = Assert.Single(replies, r => r.Status == 200);
            Assert.All(replies.Where(r => r != winner), r => Assert.Equal(409, r.Status));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            var output = JsonDocument.Parse(done.SerializedOutput!).RootElement.GetProperty("output");
            Assert.Equal(winner.Approve, output.GetProperty("approved").GetBoolean());
            var history = await Client(b).GetInstanceHistoryAsync(id) ?? [];
            Assert.Single(history, e => e.EventType == HistoryEventType.EventRaised);
            var decided = await ListedAsync(b, id, "decided");
            Assert.Equal(winner.Comment, decided.GetProperty("decision").GetProperty("comment").GetString());
        }
    }

    [Fact]
    public async Task CrashBetweenLedgerUpdateAndRaise_AFreshHostsSweepDeliversTheDecision()
    {
        var hub = AzuriteFixture.NewHubName("Crash");
        string id;
        string eventName;
        await using (var crashing = await StartHostAsync(hub, services: s => s.PostConfigure<ApprovalDeciderOptions>(o =>
            o.BeforeRaise = (_, _) => throw new InvalidOperationException("The process died between the ledger update and the raise."))))
        {
            id = await StartGateAsync(crashing, 1);
            eventName = (await ListedAsync(crashing, id)).GetProperty("eventName").GetString()!;
            using var http = new HttpClient();
            using var lost = await http.PostAsJsonAsync(Link(crashing, id, eventName), new { approved = false, comment = "Not this week." });

            Assert.Equal(HttpStatusCode.InternalServerError, lost.StatusCode);
            await ListedAsync(crashing, id, "decided");
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client(crashing).GetInstanceAsync(id))!.RuntimeStatus);
        }

        await using var fresh = await StartHostAsync(hub, new Dictionary<string, string?>
        {
            ["Baton:Approvals:Ledger:SweepInterval"] = "00:00:01",
            ["Baton:Approvals:Ledger:DeliveryGrace"] = "00:00:00",
        });
        var done = await Eventually.CompletionAsync(Client(fresh), id, Deadline);

        var output = JsonDocument.Parse(done.SerializedOutput!).RootElement.GetProperty("output");
        Assert.False(output.GetProperty("approved").GetBoolean());
        Assert.Equal(Approver, output.GetProperty("approver").GetString());
        Assert.Single(await Client(fresh).GetInstanceHistoryAsync(id) ?? [], e => e.EventType == HistoryEventType.EventRaised);
        var decided = await ListedAsync(fresh, id, "decided");
        Assert.Equal("Not this week.", decided.GetProperty("decision").GetProperty("comment").GetString());
    }

    [Fact]
    public async Task RaiseEventFromSomeoneNotOnTheList_DoesNotAdvanceTheRunAndShowsAsRefused_AnOverrideDoesAndIsAudited()
    {
        await using var host = await StartHostAsync(AzuriteFixture.NewHubName("Refuse"));
        var id = await StartGateAsync(host, 1);
        var eventName = (await ListedAsync(host, id)).GetProperty("eventName").GetString()!;
        var raise = $"/runtime/webhooks/durabletask/instances/{id}/raiseEvent/{eventName}";

        using (var forged = await host.Http.PostAsJsonAsync(raise, new { approved = true, approver = "mallory@example.com", comment = "trust me" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, forged.StatusCode);
        }

        var refused = await ListedAsync(host, id, "pending", a => a.GetProperty("refusals").GetArrayLength() > 0);
        var audit = await host.Http.GetStringAsync("/dashboard/approvals");

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client(host).GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal("mallory@example.com", refused.GetProperty("refusals")[0].GetProperty("approver").GetString());
        Assert.Contains("not on the approver list", refused.GetProperty("refusals")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"refused\"", audit, StringComparison.Ordinal);
        Assert.Contains("mallory@example.com", audit, StringComparison.Ordinal);

        using (var overridden = await host.Http.PostAsJsonAsync(raise, new { approved = true, approver = "ops-admin@example.com", comment = "Release blocker.", isOverride = true }))
        {
            Assert.Equal(HttpStatusCode.Accepted, overridden.StatusCode);
        }

        var done = await Eventually.CompletionAsync(Client(host), id, Deadline);
        var decided = await ListedAsync(host, id, "decided");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ops-admin@example.com", decided.GetProperty("decision").GetProperty("approver").GetString());
        Assert.Equal(ApprovalChannels.Override, decided.GetProperty("decision").GetProperty("channel").GetString());
    }
}
