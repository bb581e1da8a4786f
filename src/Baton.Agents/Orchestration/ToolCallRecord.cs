namespace Baton.Agents;

/// <summary>A tool call the agent loop handled: what was asked, whether it was approved, what came back.</summary>
/// <param name="Turn">The turn whose reply asked for it.</param>
/// <param name="Request">The model's request.</param>
/// <param name="Result">The result the model saw.</param>
public sealed record ToolCallRecord(int Turn, ToolCallRequest Request, ToolResult Result)
{
    /// <summary>The decision, for a call that needed approval.</summary>
    public ApprovalDecision? Approval { get; init; }
}
