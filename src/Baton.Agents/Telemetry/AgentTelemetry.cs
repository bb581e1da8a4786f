using System.Diagnostics;

namespace Baton.Agents;

/// <summary>
/// The OpenTelemetry source of Baton's agents. LLM calls are "chat {model}" client spans and tool calls
/// "execute_tool {tool}" internal spans, tagged with the OpenTelemetry gen_ai semantic conventions.
/// </summary>
public static class AgentTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name to subscribe to.</summary>
    public const string SourceName = "Baton.Agents";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName, typeof(AgentTelemetry).Assembly.GetName().Version?.ToString());

    internal static Activity? StartChat(ModelEndpoint endpoint, AgentDefinition agent, string instanceId, int turn)
    {
        var activity = Source.StartActivity($"chat {endpoint.ModelName}", ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("gen_ai.operation.name", "chat");
        activity.SetTag("gen_ai.provider.name", endpoint.TelemetryProviderName);
        activity.SetTag("gen_ai.request.model", endpoint.ModelName);
        activity.SetTag("gen_ai.agent.name", agent.Name);
        activity.SetTag("baton.instance_id", instanceId);
        activity.SetTag("baton.agent.turn", turn);
        if (agent.Options.Temperature is { } temperature)
        {
            activity.SetTag("gen_ai.request.temperature", temperature);
        }

        if (agent.Options.MaxOutputTokens is { } maxTokens)
        {
            activity.SetTag("gen_ai.request.max_tokens", maxTokens);
        }

        if (endpoint.Endpoint is { } uri)
        {
            activity.SetTag("server.address", uri.Host);
            activity.SetTag("server.port", uri.Port);
        }

        return activity;
    }

    internal static void RecordReply(Activity? activity, AgentReply reply)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("gen_ai.response.model", reply.Model);
        activity.SetTag("gen_ai.usage.input_tokens", reply.Usage.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", reply.Usage.OutputTokens);
        activity.SetTag("gen_ai.response.finish_reasons", new[] { reply.FinishReason });
    }

    internal static Activity? StartTool(ToolCall call, string instanceId)
    {
        var activity = Source.StartActivity($"execute_tool {call.ToolName}", ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "execute_tool");
        activity?.SetTag("gen_ai.tool.name", call.ToolName);
        activity?.SetTag("gen_ai.tool.call.id", call.CallId);
        activity?.SetTag("gen_ai.agent.name", call.AgentName);
        activity?.SetTag("baton.instance_id", instanceId);
        return activity;
    }

    internal static void RecordError(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", exception is ModelCallException { StatusCode: { } status } ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : exception.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}
