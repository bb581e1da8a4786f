namespace Baton.Agents;

/// <summary>The input of the <see cref="AgentActivityNames.InvokeTool"/> activity: one tool call.</summary>
/// <param name="ToolName">The tool, from the <see cref="ToolCatalog"/>.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object.</param>
/// <param name="CallId">The model's id for the call.</param>
/// <param name="IdempotencyKey">
/// Computed in the orchestration from the instance id and a deterministic id, so it is the same on every attempt
/// of this call; see <see cref="ToolCallContext.IdempotencyKey"/>.
/// </param>
/// <param name="AgentName">The agent whose model asked for the call.</param>
public sealed record ToolCall(string ToolName, string ArgumentsJson, string CallId, string IdempotencyKey, string AgentName)
{
    /// <summary>The key the call's <see cref="AgentCallRecord"/> is written under; null for no record.</summary>
    public string? CallKey { get; init; }

    /// <summary>The orchestration that started the calling run as a sub-orchestration, for spend roll-ups.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>For a tool that needed approval: the decision that let this call run.</summary>
    public ApprovalDecision? Approval { get; init; }
}
