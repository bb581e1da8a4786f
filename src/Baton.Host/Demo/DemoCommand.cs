using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Baton.Agents;
using Baton.Approvals;
using Baton.Durable;
using Baton.Http;
using Baton.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Host;

/// <summary>
/// <c>demo</c>: starts the host (and Azurite unless <c>--store memory</c>), starts research-report on the offline model
/// over HTTP, shows its progress from the custom status, prints the approval link, approves it through the link's
/// endpoint (or waits for a person with <c>--interactive</c>), then prints where the report was written and a
/// timeline of the run's steps from its history.
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InteractiveDeadline = TimeSpan.FromHours(4);

    /// <summary>Runs the demo; 0 when the report was published.</summary>
    public static async Task<int> RunAsync(HostCommandLine commandLine, TextWriter? output = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var console = output ?? Console.Out;
        var port = commandLine.Port ?? (PortIsFree(BatonWebHost.DefaultPort) ? BatonWebHost.DefaultPort : 0);
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>())
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Baton.Host"] = "Information",
        };
        await using var app = BatonWebHost.Build(commandLine with { Port = port }, settings);
        await app.StartAsync();
        var baseUrl = BatonWebHost.ListeningUrl(app.Services.GetRequiredService<IServer>())!;
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var keys = app.Configuration["Baton:Host:Keys"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (keys is not null)
        {
            http.DefaultRequestHeaders.Add(HostKeys.HeaderName, keys);
        }

        const string approver = "you@example.com";
        var input = new { topic = "Competitor pricing changes in Q3", approvers = new[] { approver } };
        await console.WriteLineAsync($"Starting research-report on {baseUrl} ...");
        using var start = await http.PostAsJsonAsync("/api/workflows/research-report", input);
        if (start.StatusCode != HttpStatusCode.Accepted)
        {
            await console.WriteLineAsync($"The start was refused ({(int)start.StatusCode}): {await start.Content.ReadAsStringAsync()}");
            return 1;
        }

        var payload = (await start.Content.ReadFromJsonAsync<HttpManagementPayload>())!;
        await console.WriteLineAsync($"Instance {payload.Id}; status at {payload.StatusQueryGetUri}");

        var until = DateTime.UtcNow + (commandLine.Interactive ? InteractiveDeadline : Deadline);
        var lastLine = string.Empty;
        var linkShown = false;
        JsonElement status;
        while (true)
        {
            status = await http.GetFromJsonAsync<JsonElement>(payload.StatusQueryGetUri);
            var line = Progress(status);
            if (line != lastLine)
            {
                await console.WriteLineAsync("  " + line);
                lastLine = line;
            }

            var runtime = status.GetProperty("runtimeStatus").GetString();
            if (runtime is "Completed" or "Failed" or "Terminated")
            {
                break;
            }

            // The link answers from the approvals ledger, which the notify activity writes just after the status says so.
            if (!linkShown && CustomStatus(status) is { } custom && custom.TryGetProperty("pendingApprovalEvent", out var pending) && pending.GetString() is { } eventName
                && await app.Services.GetRequiredService<IApprovalLedger>().GetAsync(payload.Id, eventName) is not null)
            {
                linkShown = true;
                var link = Link(app, payload.Id, eventName, approver);
                await console.WriteLineAsync($"Approval link for {approver}:\n  {link}");
                if (commandLine.Interactive)
                {
                    await console.WriteLineAsync("Open the link in a browser and decide; the demo goes on when you have.");
                }
                else
                {
                    await ApproveAsync(http, link, console);
                }
            }

            if (DateTime.UtcNow > until)
            {
                await console.WriteLineAsync($"The run did not finish in time; it is {runtime}.");
                return 1;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        var client = app.Services.GetRequiredService<DurableTaskClient>();
        await WriteTimelineAsync(client, payload.Id, console);
        var outputJson = status.GetProperty("output");
        var location = outputJson.ValueKind == JsonValueKind.Object && outputJson.TryGetProperty("location", out var l) ? l.GetString() : null;
        if (status.GetProperty("runtimeStatus").GetString() != "Completed" || location is null)
        {
            await console.WriteLineAsync($"The run ended {status.GetProperty("runtimeStatus").GetString()} without a published report.");
            return 1;
        }

        var folder = app.Services.GetService<FolderDocumentStore>();
        var reports = app.Services.GetRequiredService<ReportStore>();
        var relative = location.StartsWith(reports.Name + "/", StringComparison.Ordinal) ? location[(reports.Name.Length + 1)..] : location;
        await console.WriteLineAsync(folder is null ? $"Report written to {location}." : $"Report written to {folder.FileFor(relative)}");
        await app.StopAsync();
        return 0;
    }

    private static string Progress(JsonElement status)
    {
        var runtime = status.GetProperty("runtimeStatus").GetString();
        if (CustomStatus(status) is not { } custom)
        {
            return runtime ?? "?";
        }

        var state = custom.TryGetProperty("state", out var s) ? s.GetString() : null;
        var step = custom.TryGetProperty("step", out var t) ? t.GetString() : null;
        long tokens = 0;
        decimal cost = 0;
        if (custom.TryGetProperty("spend", out var spend))
        {
            tokens = spend.TryGetProperty("totalTokens", out var tt) ? tt.GetInt64() : 0;
            cost = spend.TryGetProperty("estimatedCost", out var c) ? c.GetDecimal() : 0;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{runtime,-10} {state,-17} {step}  [{tokens} tokens, ${cost:0.0000}]");
    }

    private static JsonElement? CustomStatus(JsonElement status) =>
        status.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object ? custom : null;

    private static Uri Link(WebApplication app, string instanceId, string eventName, string approver)
    {
        var tokens = app.Services.GetRequiredService<IApprovalTokenService>();
        var links = app.Services.GetRequiredService<IApprovalLinkBuilder>();
        var token = tokens.Create(new ApprovalTokenClaims(instanceId, eventName, approver, DateTimeOffset.UtcNow.AddDays(2), Guid.NewGuid().ToString("N")));
        return links.Build(token);
    }

    private static async Task ApproveAsync(HttpClient http, Uri link, TextWriter console)
    {
        using var page = await http.GetAsync(link);
        await console.WriteLineAsync($"GET the link: {(int)page.StatusCode} (the approval page; a GET records nothing)");
        using var decision = await http.PostAsJsonAsync(link, new { approved = true, comment = "Approved from the demo." });
        await console.WriteLineAsync($"POST approve: {(int)decision.StatusCode}");
    }

    private static async Task WriteTimelineAsync(DurableTaskClient client, string instanceId, TextWriter console)
    {
        var history = await client.GetInstanceHistoryAsync(instanceId) ?? [];
        var start = history.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted)?.Timestamp;
        var scheduled = history.Where(e => e.EventType == HistoryEventType.TaskScheduled).ToDictionary(e => e.EventId);
        await console.WriteLineAsync("Timeline:");
        foreach (var e in history)
        {
            string? line = null;
            if (e.EventType is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed && e.TaskScheduledId is { } id && scheduled.TryGetValue(id, out var task))
            {
                line = $"{Label(task),-34} {Seconds(e.Timestamp - task.Timestamp),8}{(e.EventType == HistoryEventType.TaskFailed ? "  failed" : string.Empty)}";
            }
            else if (e.EventType == HistoryEventType.EventRaised)
            {
                var decision = JsonSerializer.Deserialize<ApprovalDecision>(e.Input ?? "null", JsonDataConverter.Default.Options);
                line = $"{"approval by " + (decision?.Approver ?? "?"),-34} {"",8}  {(decision?.Approved == true ? "approved" : "rejected")}";
            }
            else if (e.EventType == HistoryEventType.ExecutionCompleted && start is { } begun)
            {
                line = $"{"whole run",-34} {Seconds(e.Timestamp - begun),8}";
            }

            if (line is not null)
            {
                await console.WriteLineAsync("  " + line);
            }
        }
    }

    private static string Label(HistoryEvent scheduled)
    {
        if (scheduled.Name == AgentActivityNames.InvokeAgent && scheduled.Input is { } input)
        {
            try
            {
                using var document = JsonDocument.Parse(input);
                if (document.RootElement.TryGetProperty("agentName", out var agent))
                {
                    return $"{scheduled.Name} ({agent.GetString()})";
                }
            }
            catch (JsonException)
            {
                // Fall back to the activity name.
            }
        }

        return scheduled.Name ?? "?";
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.000} s");

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
