using System.Globalization;
using System.Text;
using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>The run page: facts, actions, custom status, input, output or failure, timeline, spend and history.</summary>
internal static class RunView
{
    public static string Page(RunDetails run, DashboardLinks links, DashboardOptions options)
    {
        var instance = run.Instance;
        var html = new StringBuilder();
        html.Append("<p class=\"small\"><a href=\"").Append(Html.E(links.Runs())).Append("\">« All runs</a></p>")
            .Append("<h1>").Append(Html.E(instance.Name)).Append(" <span class=\"muted small\" id=\"run-id\">").Append(Html.E(instance.InstanceId)).Append("</span></h1>");
        html.Append("<section class=\"card\"><h2>Actions</h2><div class=\"actions\" data-instance-url=\"").Append(Html.E(links.Instance(instance.InstanceId)))
            .Append("\" data-instance-id=\"").Append(Html.E(instance.InstanceId)).Append("\" data-runs-url=\"").Append(Html.E(links.Runs())).Append("\">")
            .Append(instance.IsCompleted
                ? "<button type=\"button\" class=\"danger\" data-action=\"purge\">Purge</button>"
                : "<button type=\"button\" class=\"secondary\" data-action=\"raise\" data-event=\"" + Html.E(run.Status.PendingApprovalEvent ?? string.Empty) + "\">Raise event…</button>" +
                  (instance.RuntimeStatus == OrchestrationRuntimeStatus.Suspended
                      ? "<button type=\"button\" class=\"secondary\" data-action=\"resume\">Resume</button>"
                      : "<button type=\"button\" class=\"secondary\" data-action=\"suspend\">Suspend</button>") +
                  "<button type=\"button\" class=\"danger\" data-action=\"terminate\">Terminate</button>")
            .Append(RunsView.RestartAndRewind(instance, run.CanRewind))
            .Append("<span id=\"action-result\" class=\"muted\" role=\"status\"></span></div></section>");
        var refresh = options.RefreshSeconds > 0 && !instance.IsCompleted
            ? " data-refresh-url=\"" + Html.E(links.RunFragment(instance.InstanceId)) + "\""
            : string.Empty;
        html.Append("<div id=\"run-live\"").Append(refresh).Append('>').Append(Live(run, links, options)).Append("</div>");
        return html.ToString();
    }

    public static string Live(RunDetails run, DashboardLinks links, DashboardOptions options)
    {
        var instance = run.Instance;
        var status = run.Status;
        var html = new StringBuilder();
        if (instance.IsCompleted)
        {
            html.Append("<span data-final=\"true\" hidden></span>");
        }

        var duration = (instance.CompletedAt ?? (instance.IsCompleted ? instance.LastUpdatedAt : run.Now)) - instance.CreatedAt;
        html.Append("<div class=\"grid2\"><section class=\"card\"><h2>Run</h2><dl class=\"facts\">")
            .Append("<dt>Status</dt><dd id=\"run-status\">").Append(Display.StatusBadge(instance.RuntimeStatus)).Append("</dd>")
            .Append("<dt>Workflow</dt><dd>").Append(Html.E(instance.Name)).Append("</dd>")
            .Append("<dt>Created</dt><dd>").Append(Display.TimeTag(instance.CreatedAt)).Append(" UTC</dd>")
            .Append("<dt>Last update</dt><dd>").Append(Display.TimeTag(instance.LastUpdatedAt)).Append(" UTC</dd>")
            .Append("<dt>Duration</dt><dd>").Append(Display.Duration(duration)).Append(instance.IsCompleted ? string.Empty : " so far").Append("</dd>");
        if (instance.ParentInstanceId is { } parent)
        {
            html.Append("<dt>Parent run</dt><dd><a href=\"").Append(Html.E(links.Run(parent))).Append("\">").Append(Html.E(parent)).Append("</a></dd>");
        }

        html.Append("</dl></section><section class=\"card\"><h2>Progress</h2><dl class=\"facts\">")
            .Append("<dt>State</dt><dd id=\"run-state\">").Append(Html.E(status.State ?? "–")).Append("</dd>")
            .Append("<dt>Step</dt><dd id=\"run-step\">").Append(Html.E(status.Step ?? "–")).Append("</dd>")
            .Append("<dt>Tokens</dt><dd id=\"run-tokens\">").Append(Display.Tokens(run.Spend.TotalTokens)).Append(" (")
            .Append(Display.Tokens(run.Spend.InputTokens)).Append(" in / ").Append(Display.Tokens(run.Spend.OutputTokens)).Append(" out, ")
            .Append(run.Spend.Calls.ToString(CultureInfo.InvariantCulture)).Append(" LLM calls)</dd>")
            .Append("<dt>Est. cost</dt><dd id=\"run-cost\">").Append(Display.Cost(run.Spend.EstimatedCost, options.CostPrefix)).Append(SpendNote(run.Spend)).Append("</dd>");
        if (status.PendingApprovalEvent is { } pending && !instance.IsCompleted)
        {
            html.Append("<dt>Waiting for</dt><dd id=\"run-pending\">approval event <code>").Append(Html.E(pending)).Append("</code></dd>");
        }

        html.Append("</dl>");
        if (run.Spend.Agents.Count > 0)
        {
            html.Append("<table class=\"small\" id=\"run-agents\"><thead><tr><th>Agent</th><th class=\"num\">Calls</th><th class=\"num\">Tokens</th><th class=\"num\">Est. cost</th></tr></thead><tbody>");
            foreach (var (agent, spend) in run.Spend.Agents.OrderByDescending(a => a.Value.TotalTokens).ThenBy(a => a.Key, StringComparer.OrdinalIgnoreCase))
            {
                html.Append("<tr><td>").Append(Html.E(agent)).Append("</td><td class=\"num\">").Append(spend.Calls.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td class=\"num\">").Append(Display.Tokens(spend.TotalTokens)).Append("</td><td class=\"num\">")
                    .Append(Display.Cost(spend.EstimatedCost, options.CostPrefix)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section></div>");

        if (instance.FailureDetails is { } failure)
        {
            html.Append("<section class=\"card\" id=\"run-failure\"><h2>Failure</h2><div class=\"failure\"><div class=\"type\">").Append(Html.E(failure.ErrorType))
                .Append("</div><div class=\"message\">").Append(Html.E(failure.ErrorMessage)).Append("</div>");
            if (failure.InnerFailure is { } inner)
            {
                html.Append("<div class=\"small muted\">caused by ").Append(Html.E(inner.Summary)).Append("</div>");
            }

            if (!string.IsNullOrWhiteSpace(failure.StackTrace))
            {
                html.Append("<details><summary>Stack trace</summary><pre>").Append(Html.E(failure.StackTrace)).Append("</pre></details>");
            }

            html.Append("</div></section>");
        }

        html.Append("<section class=\"card\"><h2>Timeline</h2>").Append(TimelineView.Render(run.Timeline, run.Now.UtcDateTime, options.CostPrefix, links, run.Calls.Select(c => c.CallKey).ToHashSet(StringComparer.Ordinal))).Append("</section>");
        if (TranscriptView.Render(instance.SerializedOutput) is { } transcript)
        {
            html.Append(transcript);
        }

        if (run.Calls.Count > 0)
        {
            html.Append(AgentCallsView.Render(run.Calls, options.CostPrefix));
        }

        html.Append("<div class=\"grid2\"><section class=\"card\"><h2>Input</h2><pre id=\"run-input\">").Append(Html.E(Clip(JsonPayload.Pretty(instance.SerializedInput))))
            .Append("</pre></section><section class=\"card\"><h2>Output</h2>");
        var markdown = TextOutput(instance.SerializedOutput);
        if (markdown is not null)
        {
            // A text answer (a report, a reply) reads as the markdown it is; the raw text stays one click away.
            html.Append("<div class=\"md output-md\" id=\"run-output-rendered\">").Append(MarkdownText.ToHtml(Clip(markdown))).Append("</div><details><summary>Raw text</summary>");
        }

        html.Append(instance.SerializedOutput is null
            ? "<p class=\"empty\" id=\"run-output\">" + (instance.IsCompleted ? "No output." : "Not finished yet.") + "</p>"
            : "<pre id=\"run-output\">" + Html.E(Clip(JsonPayload.Pretty(instance.SerializedOutput))) + "</pre>");
        if (markdown is not null)
        {
            html.Append("</details>");
        }
        html.Append("</section></div>");

        html.Append("<section class=\"card\"><h2>History <span class=\"muted small\">").Append(run.History.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" events</span> <label class=\"small muted\"><input type=\"checkbox\" id=\"history-all\" data-toggle-class=\"all\" data-target=\"history\"> show replay markers</label></h2><div class=\"scroll\"><table id=\"history\"><thead><tr><th>#</th><th>Event</th><th>Name</th><th class=\"num\">Task</th><th>Time (UTC)</th><th>Details</th></tr></thead><tbody>");
        for (var i = 0; i < run.History.Count; i++)
        {
            var e = run.History[i];
            html.Append(e.EventType is HistoryEventType.OrchestratorStarted or HistoryEventType.OrchestratorCompleted ? "<tr class=\"minor\">" : "<tr>")
                .Append("<td class=\"num\">").Append(i.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(e.EventType)
                .Append("</td><td>").Append(Html.E(e.Name)).Append("</td><td class=\"num\">")
                .Append((e.TaskScheduledId ?? (e.EventId >= 0 ? e.EventId : null))?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)
                .Append("</td><td class=\"nowrap\">").Append(Display.Time(e.Timestamp)).Append("</td><td>").Append(Details(e)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div></section>");
        return html.ToString();
    }

    private static string Details(HistoryEvent e)
    {
        var parts = new List<string>();
        if (e.FailureDetails is { } failure)
        {
            parts.Add("<span class=\"failure-text\">" + Html.Short(failure.ErrorType + ": " + failure.ErrorMessage, 300) + "</span>");
        }

        if (e.FireAt is { } fireAt)
        {
            parts.Add("fires " + Display.Time(fireAt));
        }

        if (e.InstanceId is { } child && e.EventType is HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.EventSent)
        {
            parts.Add("instance " + Html.E(child));
        }

        if (e.Reason is { } reason)
        {
            parts.Add(Html.E(reason));
        }

        var payload = e.Input ?? e.Result;
        if (!string.IsNullOrEmpty(payload))
        {
            parts.Add("<details><summary>" + Html.Short(payload, 80) + "</summary><pre>" + Html.E(Clip(JsonPayload.Pretty(payload))) + "</pre></details>");
        }

        return string.Join("<br>", parts);
    }

    /// <summary>The output when it is a text of several lines (markdown, most likely); null otherwise.</summary>
    private static string? TextOutput(string? serializedOutput) =>
        JsonPayload.Parse(serializedOutput) is { ValueKind: System.Text.Json.JsonValueKind.String } text && text.GetString() is { } value && value.Contains('\n', StringComparison.Ordinal)
            ? value
            : null;

    private static string SpendNote(RunSpendView spend)
    {
        var notes = new List<string>();
        if (spend.SubWorkflows > 0)
        {
            notes.Add("includes " + spend.SubWorkflows.ToString(CultureInfo.InvariantCulture) + " sub-workflow" + (spend.SubWorkflows == 1 ? string.Empty : "s"));
        }

        if (spend.OfflineCalls > 0 && spend.OfflineCalls == spend.Calls)
        {
            notes.Add("offline model: free");
        }
        else if (spend.OfflineCalls > 0)
        {
            notes.Add(spend.OfflineCalls.ToString(CultureInfo.InvariantCulture) + " offline calls free");
        }

        if (spend.UnpricedCalls > 0)
        {
            notes.Add(spend.UnpricedCalls.ToString(CultureInfo.InvariantCulture) + " calls of a model with no price (set Baton:Prices)");
        }

        if (spend.IsKnown && !spend.FromCallRecords)
        {
            notes.Add("as the run's status reports it");
        }

        return notes.Count == 0 ? string.Empty : " <span class=\"muted small\" id=\"run-spend-note\">(" + Html.E(string.Join("; ", notes)) + ")</span>";
    }

    private static string Clip(string text) => text.Length <= 20_000 ? text : text[..20_000] + "\n… (cut at 20,000 characters)";
}
