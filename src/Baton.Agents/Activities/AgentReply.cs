namespace Baton.Agents;

/// <summary>The output of the <see cref="AgentActivityNames.InvokeAgent"/> activity: what one LLM call answered.</summary>
/// <param name="Text">The reply's text (may be empty when the model only asks for tool calls).</param>
/// <param name="ToolCalls">The tool calls the model asked for; empty for a final answer.</param>
/// <param name="Usage">Tokens used and the estimated cost.</param>
/// <param name="Model">The model that answered, as the provider names it ("baton-offline" for the offline model).</param>
/// <param name="FinishReason">Why the model stopped: "stop", "tool_calls", "length", "content_filter" or the provider's word.</param>
/// <param name="LatencyMilliseconds">Wall time of the call, retries and rate-limit waits included.</param>
public sealed record AgentReply(
    string Text,
    IReadOnlyList<ToolCallRequest> ToolCalls,
    AgentUsage Usage,
    string Model,
    string FinishReason,
    long LatencyMilliseconds)
{
    /// <summary>For an agent with an output type and a final answer: the answer's JSON, when it is valid.</summary>
    public string? StructuredOutput { get; init; }

    /// <summary>For an agent with an output type: why the answer is not valid for that type; null when valid.</summary>
    public string? StructuredOutputError { get; init; }

    /// <summary>How many messages of the conversation were left out to fit the input token limit.</summary>
    public int TrimmedMessages { get; init; }

    /// <summary>The model key (configuration section) the call used.</summary>
    public string ModelKey { get; init; } = AgentDefinition.DefaultModel;

    /// <summary>
    /// The agent that made the call. Kept in the reply because Durable Functions stores activity outputs but not inputs:
    /// a timeline read from its history names the agent from here.
    /// </summary>
    public string? AgentName { get; init; }

    /// <summary>The key of the call's <see cref="AgentCallRecord"/>, when one was written.</summary>
    public string? CallKey { get; init; }
}
