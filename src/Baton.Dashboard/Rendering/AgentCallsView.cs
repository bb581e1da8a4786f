using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Agents;

namespace Baton.Dashboard;

/// <summary>
/// A run's agent calls from its call records: each LLM call with its instructions, the messages sent, the reply
/// (markdown rendered safely, or formatted JSON), the tool calls it asked for with their arguments and results, usage,
/// cost and duration; failed calls and tool calls that returned an error are marked failed.
/// </summary>
internal static class AgentCallsView
{
    public static string Render(IReadOnlyList<AgentCallRecord> calls, string costPrefix)
    {
        var models = calls.Where(c => c.Kind == AgentCallKind.Model).ToList();
        var tools = calls.Where(c => c.Kind == AgentCallKind.Tool).ToList();
        var html = new StringBuilder("<section class=\"card\" id=\"agent-calls\"><h2>Agent calls <span class=\"muted small\">")
            .Append(models.Count.ToString(CultureInfo.InvariantCulture)).Append(" LLM call").Append(models.Count == 1 ? string.Empty : "s").Append(" · ")
            .Append(tools.Count.ToString(CultureInfo.InvariantCulture)).Append(" tool call").Append(tools.Count == 1 ? string.Empty : "s").Append("</span></h2>");
        if (calls.Count == 0)
        {
            return html.Append("<p class=\"empty\">No agent calls recorded for this run.</p></section>").ToString();
        }

        // Each tool call is shown under the LLM call that asked for it (same agent, earlier key, same call id). With many
        // calls only the failed ones and the last one start open.
        var shown = new HashSet<AgentCallRecord>();
        var lastModel = models.LastOrDefault();
        foreach (var call in calls)
        {
            if (call.Kind == AgentCallKind.Model)
            {
                var answered = tools.Where(t => !shown.Contains(t) && t.AgentName == call.AgentName && string.CompareOrdinal(t.CallKey, call.CallKey) > 0
                    && call.ToolCalls?.Any(r => r.CallId == t.ToolCallId) == true).ToList();
                shown.UnionWith(answered);
                ModelCall(html, call, answered, costPrefix, open: models.Count <= 6 || call.Failed || ReferenceEquals(call, lastModel));
            }
            else if (!shown.Contains(call))
            {
                shown.Add(call);
                html.Append("<div class=\"calls-standalone\">");
                ToolCall(html, call.ToolName ?? "?", call.ArgumentsJson, call);
                html.Append("</div>");
            }
        }

        return html.Append("</section>").ToString();
    }

    private static void ModelCall(StringBuilder html, AgentCallRecord call, IReadOnlyList<AgentCallRecord> toolRecords, string costPrefix, bool open)
    {
        var status = call.Failed ? "failed" : "completed";
        html.Append("<article class=\"call model s-").Append(status).Append("\" id=\"call-").Append(Html.E(call.CallKey)).Append("\" data-kind=\"model\" data-agent=\"")
            .Append(Html.E(call.AgentName)).Append("\" data-status=\"").Append(status).Append("\"><details class=\"callbody\"").Append(open ? " open" : string.Empty)
            .Append("><summary><header><span class=\"toggle\"><span class=\"more\">show ▾</span><span class=\"less\">hide ▴</span></span>")
            .Append("<span class=\"kind\">LLM call</span> <b class=\"agent\">").Append(Html.E(call.AgentName)).Append("</b> ")
            .Append("<span class=\"muted\">turn ").Append(call.Turn.ToString(CultureInfo.InvariantCulture)).Append("</span> ")
            .Append(Display.StepBadge(call.Failed ? TimelineStepStatus.Failed : TimelineStepStatus.Completed));
        if (call.Attempts > 1)
        {
            html.Append(" <span class=\"badge retry\">attempt ").Append(call.Attempts.ToString(CultureInfo.InvariantCulture)).Append("</span>");
        }

        html.Append("<div class=\"meta\">").Append(Html.E(ModelLabel(call)));
        if (call.Usage is { } usage)
        {
            html.Append(" · <span class=\"usage\">").Append(Display.Tokens(usage.InputTokens)).Append(" in / ").Append(Display.Tokens(usage.OutputTokens)).Append(" out tokens</span> · ")
                .Append("<span class=\"cost\">").Append(Html.E(CostLabel(call, usage, costPrefix))).Append("</span>");
        }

        html.Append(" · ").Append(Display.Duration(TimeSpan.FromMilliseconds(call.DurationMilliseconds)))
            .Append(" · ").Append(Display.TimeTag(call.StartedAt)).Append(" UTC");
        if (call.FinishReason is { } finish)
        {
            html.Append(" · finish: ").Append(Html.E(finish));
        }

        html.Append("</div></header></summary>");

        if (call.Error is { } error)
        {
            html.Append("<div class=\"failure\"><div class=\"type\">").Append(Html.E(call.ErrorType ?? "Error")).Append("</div><div class=\"message\">").Append(Html.E(error)).Append("</div></div>");
        }
        else if (call.PreviousError is { } previous)
        {
            html.Append("<p class=\"small muted\">An earlier attempt failed: ").Append(Html.Short(previous, 300)).Append("</p>");
        }

        if (!string.IsNullOrWhiteSpace(call.Instructions))
        {
            html.Append("<details class=\"instructions\"><summary>Instructions</summary><div class=\"md\">").Append(MarkdownText.ToHtml(call.Instructions)).Append("</div></details>");
        }

        var messages = call.Messages ?? [];
        html.Append("<details class=\"messages\"><summary>Messages sent (")
            .Append(messages.Count.ToString(CultureInfo.InvariantCulture)).Append(call.TrimmedMessages > 0 ? $", {call.TrimmedMessages} older left out to fit" : string.Empty)
            .Append(")</summary><ol class=\"messages\">");
        foreach (var message in messages)
        {
            Message(html, message);
        }

        html.Append("</ol></details>");

        if (call.Error is null)
        {
            html.Append("<div class=\"reply\"><div class=\"role\">reply</div>");
            if (call.StructuredOutput is { } structured)
            {
                html.Append("<pre class=\"json structured\">").Append(Html.E(JsonPayload.Pretty(structured))).Append("</pre>");
            }
            else if (!string.IsNullOrWhiteSpace(call.Reply))
            {
                html.Append(Text(call.Reply));
            }
            else
            {
                html.Append("<p class=\"muted small\">No text: the model asked for tools.</p>");
            }

            if (call.StructuredOutputError is { } invalid)
            {
                html.Append("<p class=\"failure-text small\">Not valid for the output schema: ").Append(Html.E(invalid)).Append("</p>");
            }

            html.Append("</div>");
        }

        if (call.ToolCalls is { Count: > 0 } requested)
        {
            html.Append("<div class=\"toolcalls\"><div class=\"role\">tool calls asked for</div>");
            foreach (var request in requested)
            {
                ToolCall(html, request.ToolName, request.ArgumentsJson, toolRecords.FirstOrDefault(t => t.ToolCallId == request.CallId), request);
            }

            html.Append("</div>");
        }

        if (call.Truncated)
        {
            html.Append("<p class=\"small muted\">Long texts of this call were cut to fit the store.</p>");
        }

        html.Append("</details></article>");
    }

    private static void ToolCall(StringBuilder html, string toolName, string? argumentsJson, AgentCallRecord? record, ToolCallRequest? request = null)
    {
        var (status, label) = record switch
        {
            null when request is { IsKnown: false } => ("failed", "unknown tool"),
            null => ("nodecision", "not run (rejected or pending)"),
            { Failed: true } => ("failed", "failed"),
            { IsError: true } => ("failed", "returned an error"),
            _ => ("completed", "completed"),
        };
        html.Append("<div class=\"toolcall s-").Append(status).Append("\" data-tool=\"").Append(Html.E(toolName)).Append("\" data-status=\"").Append(status).Append('"');
        if (record is not null)
        {
            html.Append(" id=\"call-").Append(Html.E(record.CallKey)).Append('"');
        }

        html.Append("><div class=\"toolhead\"><span class=\"kind\">tool</span> <b>").Append(Html.E(toolName)).Append("</b> <span class=\"badge ts-").Append(status).Append("\">").Append(Html.E(label)).Append("</span>");
        if (request is { RequiresApproval: true } || record?.Approval is not null)
        {
            html.Append(" <span class=\"small muted approval\">").Append(record?.Approval is { } approval
                ? Html.E((approval.Approved ? "approved by " : "rejected by ") + approval.Approver + (string.IsNullOrWhiteSpace(approval.Comment) ? string.Empty : ": " + approval.Comment))
                : "needs approval").Append("</span>");
        }

        if (record is not null)
        {
            html.Append(" <span class=\"small muted\">").Append(Display.Duration(TimeSpan.FromMilliseconds(record.DurationMilliseconds))).Append("</span>");
        }

        html.Append("</div><div class=\"toolbody\"><div><div class=\"role\">arguments</div><pre class=\"json args\">").Append(Html.E(JsonPayload.Pretty(argumentsJson ?? "{}"))).Append("</pre></div>");
        if (record?.Error is { } error)
        {
            html.Append("<div><div class=\"role\">error</div><div class=\"failure\"><div class=\"type\">").Append(Html.E(record.ErrorType ?? "Error")).Append("</div><div class=\"message\">").Append(Html.E(error)).Append("</div></div></div>");
        }
        else if (record?.Result is { } result)
        {
            html.Append("<div><div class=\"role\">").Append(record.IsError ? "error returned to the model" : "result").Append("</div>")
                .Append(record.IsError ? "<pre class=\"result failure-text\">" + Html.E(Clip(result)) + "</pre>" : ResultText(result)).Append("</div>");
        }

        html.Append("</div></div>");
    }

    private static void Message(StringBuilder html, AgentMessage message)
    {
        var role = message.Role is AgentMessage.UserRole or AgentMessage.AssistantRole or AgentMessage.ToolRole ? message.Role : "other";
        html.Append("<li class=\"msg role-").Append(role).Append("\"><div class=\"role\">").Append(Html.E(message.Role));
        if (message.ToolName is { } tool)
        {
            html.Append(" · <code>").Append(Html.E(tool)).Append("</code>");
        }

        html.Append("</div>");
        if (message.Role == AgentMessage.ToolRole)
        {
            html.Append(ResultText(message.Text ?? string.Empty));
        }
        else if (!string.IsNullOrWhiteSpace(message.Text))
        {
            html.Append(Text(message.Text));
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            html.Append("<div class=\"small\">asked for <b>").Append(Html.E(call.ToolName)).Append("</b></div><pre class=\"json args\">").Append(Html.E(JsonPayload.Pretty(call.ArgumentsJson))).Append("</pre>");
        }

        html.Append("</li>");
    }

    /// <summary>JSON as formatted JSON, anything else as markdown.</summary>
    private static string Text(string text) =>
        IsJson(text) ? "<pre class=\"json\">" + Html.E(Clip(JsonPayload.Pretty(text))) + "</pre>" : "<div class=\"md\">" + MarkdownText.ToHtml(Clip(text)) + "</div>";

    /// <summary>A tool's result: JSON formatted, other text as it came (tools return data, not prose).</summary>
    private static string ResultText(string text) =>
        "<pre class=\"result" + (IsJson(text) ? " json" : string.Empty) + "\">" + Html.E(Clip(IsJson(text) ? JsonPayload.Pretty(text) : text)) + "</pre>";

    private static bool IsJson(string text)
    {
        var trimmed = text.AsSpan().Trim();
        return trimmed.Length > 1 && ((trimmed[0] == '{' && trimmed[^1] == '}') || (trimmed[0] == '[' && trimmed[^1] == ']'))
            && JsonPayload.Parse(text) is { ValueKind: JsonValueKind.Object or JsonValueKind.Array };
    }

    private static string ModelLabel(AgentCallRecord call) => call.Provider switch
    {
        ModelProvider.Offline when call.Deployment == OfflineChatClient.OfflineModelId => "offline model (no LLM called)",
        ModelProvider.AzureOpenAI => $"{call.Model ?? call.Deployment} · Azure OpenAI deployment '{call.Deployment}'",
        ModelProvider.OpenAICompatible => $"{call.Model ?? call.Deployment} · OpenAI-compatible",
        _ => call.Model ?? call.Deployment ?? call.ModelKey ?? "model",
    } + (call.ModelKey is { } key && key != AgentDefinition.DefaultModel ? $" · key '{key}'" : string.Empty);

    private static string CostLabel(AgentCallRecord call, AgentUsage usage, string prefix) => call.PriceSource switch
    {
        PriceTable.OfflineSource => "free (offline)",
        null => "price unknown: set Baton:Prices",
        _ => "est. " + Display.Cost(usage.EstimatedCost, prefix),
    };

    private static string Clip(string text) => text.Length <= 20_000 ? text : text[..20_000] + "\n… (cut at 20,000 characters)";
}
