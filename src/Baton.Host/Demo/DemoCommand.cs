using System.Diagnostics;
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
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Baton.Host;

/// <summary>
/// <c>demo [research-report|support-triage]</c>: starts the host (and Azurite unless <c>--store memory</c>, installing
/// it with npm ci on the first run, with progress shown), starts the workflow on the offline model over HTTP, shows its
/// progress from the custom status, prints each approval link once (the link the outbox sent) and answers it through
/// that link's HTTP endpoint (or waits for a person with <c>--interactive</c>), then prints a timeline, what each agent
/// did, the result (the report, or the triage and the reply) and the dashboard URL. On a terminal the host then keeps
/// serving the dashboard until Ctrl+C (<c>--exit</c> stops at once).
/// </summary>
internal static class DemoCommand
{
    private const string Approver = "you@example.com";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InteractiveDeadline = TimeSpan.FromHours(4);
    private static readonly string[] Demos = [WorkflowNames.ResearchReport, WorkflowNames.SupportTriage];

    /// <summary>Runs the demo; 0 when the run completed as the demo expects.</summary>
    public static async Task<int> RunAsync(HostCommandLine commandLine, TextWriter? output = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var console = output ?? Console.Out;
        if (!Demos.Contains(commandLine.DemoWorkflow, StringComparer.Ordinal))
        {
            await console.WriteLineAsync($"There is no demo '{commandLine.DemoWorkflow}'. Demos: {string.Join(", ", Demos)} (the default).");
            return 2;
        }

        var port = commandLine.Port ?? (PortIsFree(BatonWebHost.DefaultPort) ? BatonWebHost.DefaultPort : 0);
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>())
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Baton.Host"] = "Information",
        };
        var approvals = new DemoApprovalConsole(console);
        await using var app = BatonWebHost.Build(
            commandLine with { Port = port },
            settings,
            configureServices: services => services.Replace(ServiceDescriptor.Singleton<IApprovalConsole>(approvals)));
        if (!await StartAsync(app, console))
        {
            return 1;
        }

        var baseUrl = BatonWebHost.ListeningUrl(app.Services.GetRequiredService<IServer>())!;
        var dashboard = baseUrl + "/dashboard";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var key = app.Configuration["Baton:Host:Keys"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add(HostKeys.HeaderName, key);
        }

        await console.WriteLineAsync($"Dashboard: {dashboard}");
        var workflow = commandLine.DemoWorkflow;
        await console.WriteLineAsync($"Starting {workflow} on {baseUrl} with the offline model ...");
        using var start = await http.PostAsJsonAsync($"/api/workflows/{workflow}", Input(workflow));
        if (start.StatusCode != HttpStatusCode.Accepted)
        {
            await console.WriteLineAsync($"The start was refused ({(int)start.StatusCode}): {await start.Content.ReadAsStringAsync()}");
            return 1;
        }

        var payload = (await start.Content.ReadFromJsonAsync<HttpManagementPayload>())!;
        await console.WriteLineAsync($"Instance {payload.Id}; status at {payload.StatusQueryGetUri}");
        var status = await FollowAsync(http, payload, approvals, commandLine.Interactive, console);
        if (status is null)
        {
            return 1;
        }

        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var history = await client.GetInstanceHistoryAsync(payload.Id) ?? [];
        await WriteTimelineAsync(history, console);
        await WriteAgentsAsync(history, console);
        var succeeded = workflow == WorkflowNames.SupportTriage
            ? await WriteTriageAsync(status.Value, console)
            : await WriteReportAsync(app, status.Value, console);

        await console.WriteLineAsync();
        var serve = output is null && !commandLine.Exit && !Console.IsInputRedirected;
        if (serve)
        {
            await console.WriteLineAsync("The host keeps running so that you can look at the run; press Ctrl+C to stop it.");
        }

        await console.WriteLineAsync($"Dashboard: {dashboard}");
        if (serve)
        {
            await app.WaitForShutdownAsync();
        }
        else
        {
            await app.StopAsync();
        }

        return succeeded ? 0 : 1;
    }

    private static object Input(string workflow) => workflow == WorkflowNames.SupportTriage
        ? new
        {
            customer = "Dana Park <dana@contoso.example>",
            subject = "Checkout down, urgent",
            message = "Since 09:10 our checkout returns 500 errors for every customer. This is urgent: we are losing money every minute.",
            approvers = new[] { Approver },
        }
        : new { topic = "Competitor pricing changes in Q3", approvers = new[] { Approver } };

    /// <summary>Starts the host, saying what takes time: installing Azurite on a first run, starting it, the engine.</summary>
    private static async Task<bool> StartAsync(WebApplication app, TextWriter console)
    {
        var settings = app.Services.GetRequiredService<HostSettings>();
        var installing = !settings.InMemory && app.Services.GetService<AzuriteProcess>() is not null &&
                         !File.Exists(Path.Combine(settings.RepositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js"));
        var what = settings.InMemory ? "the engine (in memory)"
            : installing ? "Azurite (first run: installing it with npm ci, about a minute) and the engine"
            : "Azurite and the engine";
        await console.WriteLineAsync($"Starting {what} ...");
        var clock = Stopwatch.StartNew();
        var starting = app.StartAsync();
        while (await Task.WhenAny(starting, Task.Delay(TimeSpan.FromSeconds(10))) != starting)
        {
            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  ... still starting ({clock.Elapsed.TotalSeconds:0} s){(installing ? ", npm ci is installing Azurite" : string.Empty)}"));
        }

        try
        {
            await starting;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or SocketException)
        {
            await console.WriteLineAsync($"The host did not start: {e.Message}");
            return false;
        }

        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Host ready in {clock.Elapsed.TotalSeconds:0.0} s."));
        return true;
    }

    /// <summary>Polls the run, printing each new progress line and answering each approval link; the final status.</summary>
    private static async Task<JsonElement?> FollowAsync(HttpClient http, HttpManagementPayload payload, DemoApprovalConsole approvals, bool interactive, TextWriter console)
    {
        var until = DateTime.UtcNow + (interactive ? InteractiveDeadline : Deadline);
        var lastLine = string.Empty;
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonElement>(payload.StatusQueryGetUri);
            var line = Progress(status);
            if (line != lastLine)
            {
                await console.WriteLineAsync("  " + line);
                lastLine = line;
            }

            var runtime = status.GetProperty("runtimeStatus").GetString();
            if (runtime is "Completed" or "Failed" or "Terminated")
            {
                if (runtime != "Completed")
                {
                    await console.WriteLineAsync($"The run ended {runtime}: {status.GetProperty("output")}");
                }

                return status;
            }

            while (approvals.TryTake(out var approval))
            {
                if (interactive)
                {
                    await console.WriteLineAsync("  Open the link in a browser and decide; the demo goes on when you have.");
                }
                else
                {
                    await ApproveAsync(http, approval.Link, console);
                }
            }

            if (DateTime.UtcNow > until)
            {
                await console.WriteLineAsync($"The run did not finish in time; it is {runtime}.");
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
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

    /// <summary>Answers an approval the way a person does: GET shows the page, POST records the decision.</summary>
    private static async Task ApproveAsync(HttpClient http, Uri link, TextWriter console)
    {
        using var page = await http.GetAsync(link);
        await console.WriteLineAsync($"  GET the link: {(int)page.StatusCode} (the approval page; a GET records nothing)");
        using var decision = await http.PostAsJsonAsync(link, new { approved = true, comment = "Approved from the demo." });
        await console.WriteLineAsync($"  POST approve: {(int)decision.StatusCode}");
    }

    private static async Task WriteTimelineAsync(IReadOnlyList<HistoryEvent> history, TextWriter console)
    {
        var start = history.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted)?.Timestamp;
        var scheduled = history.Where(e => e.EventType == HistoryEventType.TaskScheduled).ToDictionary(e => e.EventId);
        await console.WriteLineAsync();
        await console.WriteLineAsync("Timeline:");
        foreach (var e in history)
        {
            string? line = null;
            if (e.EventType is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed && e.TaskScheduledId is { } id && scheduled.TryGetValue(id, out var task))
            {
                line = $"{Label(task),-40} {Seconds(e.Timestamp - task.Timestamp),8}{(e.EventType == HistoryEventType.TaskFailed ? "  failed" : string.Empty)}";
            }
            else if (e.EventType == HistoryEventType.EventRaised)
            {
                var decision = Read<ApprovalDecision>(e.Input);
                line = $"{"approval by " + (decision?.Approver ?? "?"),-40} {"",8}  {(decision?.Approved == true ? "approved" : "rejected")}";
            }
            else if (e.EventType == HistoryEventType.ExecutionCompleted && start is { } begun)
            {
                line = $"{"whole run",-40} {Seconds(e.Timestamp - begun),8}";
            }

            if (line is not null)
            {
                await console.WriteLineAsync("  " + line);
            }
        }
    }

    /// <summary>Per agent, in the order they first acted: model calls, tokens, and every tool call with its outcome.</summary>
    private static async Task WriteAgentsAsync(IReadOnlyList<HistoryEvent> history, TextWriter console)
    {
        var results = history.Where(e => e.EventType is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed && e.TaskScheduledId is not null)
            .GroupBy(e => e.TaskScheduledId!.Value)
            .ToDictionary(g => g.Key, g => g.First());
        var agents = new List<(string Name, int Calls, long Tokens, List<string> Tools)>();
        foreach (var task in history.Where(e => e.EventType == HistoryEventType.TaskScheduled))
        {
            results.TryGetValue(task.EventId, out var result);
            if (task.Name == AgentActivityNames.InvokeAgent && Read<AgentCall>(task.Input) is { } call)
            {
                var reply = Read<AgentReply>(result?.Result);
                var index = Entry(agents, call.AgentName);
                agents[index] = (agents[index].Name, agents[index].Calls + 1, agents[index].Tokens + (reply is null ? 0 : reply.Usage.InputTokens + reply.Usage.OutputTokens), agents[index].Tools);
            }
            else if (task.Name == AgentActivityNames.InvokeTool && Read<ToolCall>(task.Input) is { } tool)
            {
                var outcome = Read<ToolResult>(result?.Result);
                var verdict = outcome is null ? "failed" : outcome.IsError ? "error: " + Short(outcome.Content, 80) : "ok";
                agents[Entry(agents, tool.AgentName ?? "?")].Tools.Add($"{tool.ToolName}({Arguments(tool.ArgumentsJson)}) -> {verdict}");
            }
        }

        await console.WriteLineAsync();
        await console.WriteLineAsync("What each agent did:");
        foreach (var (name, calls, tokens, tools) in agents)
        {
            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name}: {calls} model call{(calls == 1 ? string.Empty : "s")}, {tokens} tokens"));
            foreach (var tool in tools)
            {
                await console.WriteLineAsync($"      {tool}");
            }
        }
    }

    private static async Task<bool> WriteReportAsync(WebApplication app, JsonElement status, TextWriter console)
    {
        var output = Read<ResearchReportOutput>(status.GetProperty("output").GetRawText());
        if (status.GetProperty("runtimeStatus").GetString() != "Completed" || output?.Location is not { } location)
        {
            await console.WriteLineAsync($"The run ended {status.GetProperty("runtimeStatus").GetString()} without a published report.");
            return false;
        }

        await console.WriteLineAsync();
        await console.WriteLineAsync("The report (made by the offline model from the sample documents under sources/):");
        foreach (var line in output.Markdown.Split('\n'))
        {
            await console.WriteLineAsync("  | " + line.TrimEnd('\r'));
        }

        var folder = app.Services.GetService<FolderDocumentStore>();
        var reports = app.Services.GetRequiredService<ReportStore>();
        var relative = location.StartsWith(reports.Name + "/", StringComparison.Ordinal) ? location[(reports.Name.Length + 1)..] : location;
        await console.WriteLineAsync(folder is null ? $"Report written to {location}." : $"Report written to {folder.FileFor(relative)}");
        return true;
    }

    private static async Task<bool> WriteTriageAsync(JsonElement status, TextWriter console)
    {
        var output = Read<SupportTriageOutput>(status.GetProperty("output").GetRawText());
        if (status.GetProperty("runtimeStatus").GetString() != "Completed" || output is null)
        {
            return false;
        }

        var c = output.Classification;
        await console.WriteLineAsync();
        await console.WriteLineAsync("The triage:");
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  classified {c.Category}, urgency {c.Urgency}, confidence {c.Confidence:0.00}: {c.Reason}"));
        await console.WriteLineAsync($"  routed to {output.Specialist}");
        await console.WriteLineAsync(output.Escalated ? $"  escalated because {string.Join("; ", output.EscalationReasons)}" : "  not escalated");
        await console.WriteLineAsync(output.Ticket is { } ticket ? $"  ticket {ticket.TicketId} created at {ticket.Location}" : "  no ticket created");
        await console.WriteLineAsync("The reply to the customer:");
        foreach (var line in output.Reply.Split('\n'))
        {
            await console.WriteLineAsync("  | " + line.TrimEnd('\r'));
        }

        return output.Escalated && output.Ticket is not null;
    }

    private static int Entry(List<(string Name, int Calls, long Tokens, List<string> Tools)> agents, string name)
    {
        var index = agents.FindIndex(a => a.Name == name);
        if (index < 0)
        {
            agents.Add((name, 0, 0, []));
            index = agents.Count - 1;
        }

        return index;
    }

    private static string Arguments(string? json)
    {
        try
        {
            using var document = JsonDocument.Parse(json ?? "{}");
            return string.Join(", ", document.RootElement.EnumerateObject().Select(p => $"{p.Name}: {Short(p.Value.ToString(), 48)}"));
        }
        catch (JsonException)
        {
            return Short(json ?? string.Empty, 60);
        }
    }

    private static string Short(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 3)] + "...";
    }

    private static T? Read<T>(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonDataConverter.Default.Options);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string Label(HistoryEvent scheduled)
    {
        if (scheduled.Name == AgentActivityNames.InvokeAgent && Read<AgentCall>(scheduled.Input) is { } call)
        {
            return $"{scheduled.Name} ({call.AgentName})";
        }

        if (scheduled.Name == AgentActivityNames.InvokeTool && Read<ToolCall>(scheduled.Input) is { } tool)
        {
            return $"{scheduled.Name} ({tool.ToolName})";
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
