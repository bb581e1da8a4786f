using System.Net.Http.Json;
using System.Text.Json;
using Baton.Approvals;
using Baton.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Host.Tests;

/// <summary>The real host on a free loopback port over a test's own task hub on the shared Azurite, with an HTTP client.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private RunningHost(WebApplication app, string hubName, string dataDirectory, string? key)
    {
        App = app;
        HubName = hubName;
        DataDirectory = dataDirectory;
        BaseUrl = BatonWebHost.ListeningUrl(app.Services.GetRequiredService<IServer>())!.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            Http.DefaultRequestHeaders.Add(HostKeys.HeaderName, key);
        }
    }

    public WebApplication App { get; }

    public string HubName { get; }

    public string DataDirectory { get; }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public static async Task<RunningHost> StartAsync(
        AzuriteFixture azurite,
        string? key = null,
        string? hubName = null,
        string? dataDirectory = null,
        Action<Microsoft.Extensions.Logging.ILoggingBuilder>? logging = null,
        IReadOnlyDictionary<string, string?>? extraSettings = null,
        Action<IServiceCollection>? configureServices = null,
        int? port = 0)
    {
        var hub = hubName ?? AzuriteFixture.NewHubName("Host");
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "baton-host-tests", hub);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hub,
            ["extensions:durableTask:storageProvider:partitionCount"] = "2",
            ["Baton:Host:StartAzurite"] = "false",
            ["Baton:Host:DataDirectory"] = data,
            ["Baton:Approvals:DataDirectory"] = data,
            ["Baton:Approvals:OutboxDirectory"] = Path.Combine(data, "outbox"),
            ["Baton:Approvals:SigningKey"] = "test-signing-key-that-is-at-least-32-bytes-long",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (key is not null)
        {
            settings["Baton:Host:Keys"] = key;
        }

        foreach (var (name, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var app = BatonWebHost.Build(new HostCommandLine(false, false, false, port, []), settings, logging: logging, configureServices: configureServices);
        await app.StartAsync();
        return new RunningHost(app, hub, data, key);
    }

    public async Task<string> StartResearchAsync(string? instanceId = null)
    {
        using var response = await Http.PostAsJsonAsync(
            "/api/workflows/research-report" + (instanceId is null ? string.Empty : "?instanceId=" + instanceId),
            new { topic = "Competitor pricing changes in Q3", approvers = new[] { "ann@example.com" } });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>Polls the status URL until <paramref name="done"/> holds for the status body.</summary>
    public async Task<JsonElement> StatusUntilAsync(string instanceId, Func<JsonElement, bool> done, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            using var response = await Http.GetAsync("/runtime/webhooks/durabletask/instances/" + instanceId);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (done(body))
            {
                return body;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last status {body}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the run shows it awaits approval and the approvals ledger holds the request (links answer from it).</summary>
    public async Task<JsonElement> AwaitingApprovalAsync(string instanceId)
    {
        var status = await StatusUntilAsync(instanceId, s => s.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("state").GetString() == "AwaitingApproval", "the run to await approval");
        var eventName = status.GetProperty("customStatus").GetProperty("pendingApprovalEvent").GetString();
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var pending = await Http.GetFromJsonAsync<JsonElement>("/api/approvals?status=pending");
            if (pending.EnumerateArray().Any(a => a.GetProperty("instanceId").GetString() == instanceId && a.GetProperty("eventName").GetString() == eventName))
            {
                return status;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting for the approval of {instanceId} in the ledger.");
            }

            await Task.Delay(50);
        }
    }

    public Task<JsonElement> FinishedAsync(string instanceId) =>
        StatusUntilAsync(instanceId, s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated", "the run to finish");

    /// <summary>A signed approval link for the run's pending approval, made with the host's own token service.</summary>
    public Uri ApprovalLink(JsonElement awaitingStatus, string approver = "ann@example.com", DateTimeOffset? expires = null)
    {
        var eventName = awaitingStatus.GetProperty("customStatus").GetProperty("pendingApprovalEvent").GetString()!;
        var instanceId = awaitingStatus.GetProperty("instanceId").GetString()!;
        var token = App.Services.GetRequiredService<IApprovalTokenService>()
            .Create(new ApprovalTokenClaims(instanceId, eventName, approver, expires ?? DateTimeOffset.UtcNow.AddDays(1), Guid.NewGuid().ToString("N")));
        return new Uri(BaseUrl + "/api/approvals/" + token);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
