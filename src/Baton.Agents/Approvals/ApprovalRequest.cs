namespace Baton.Agents;

/// <summary>
/// What a person is asked to approve. The orchestration waits for an <see cref="ApprovalDecision"/> raised as the
/// external event <see cref="EventName"/> on instance <see cref="InstanceId"/>.
/// </summary>
/// <param name="Id">A unique id for the request (deterministic: made with the orchestration's NewGuid).</param>
/// <param name="InstanceId">The orchestration instance that waits.</param>
/// <param name="EventName">The event that carries the decision.</param>
/// <param name="Title">A one-line summary for the approver.</param>
/// <param name="Approvers">Who may decide (addresses or user ids).</param>
/// <param name="RequestedAt">When the request was made (orchestration time, UTC).</param>
/// <param name="ExpiresAt">When the request times out and the policy's default applies (UTC).</param>
public sealed record ApprovalRequest(
    string Id,
    string InstanceId,
    string EventName,
    string Title,
    IReadOnlyList<string> Approvers,
    DateTime RequestedAt,
    DateTime ExpiresAt)
{
    /// <summary>What is asked, in more words.</summary>
    public string? Details { get; init; }

    /// <summary>For a tool call: the tool's name.</summary>
    public string? ToolName { get; init; }

    /// <summary>For a tool call: the exact arguments, as JSON.</summary>
    public string? ArgumentsJson { get; init; }

    /// <summary>The agent that asked, if any.</summary>
    public string? AgentName { get; init; }

    /// <summary>What kind of approval this is: "tool-call", "budget" or any word the caller chooses.</summary>
    public string Kind { get; init; } = "custom";

    /// <summary>The workflow (orchestration name) that asks; set by <see cref="ApprovalOrchestrationExtensions.NewApprovalRequest"/>.</summary>
    public string? Workflow { get; init; }

    /// <summary>
    /// True to let the approver edit <see cref="Details"/> (or, for a tool call, <see cref="ArgumentsJson"/>) as part of
    /// the decision; the edit comes back as <see cref="ApprovalDecision.EditedText"/>.
    /// </summary>
    public bool AllowEdits { get; init; }
}
