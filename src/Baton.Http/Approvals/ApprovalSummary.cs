using Baton.Agents;

namespace Baton.Http;

/// <summary>One approval as <c>GET /api/approvals?status=...</c> lists it, read from the approvals ledger.</summary>
/// <param name="InstanceId">The run that asked.</param>
/// <param name="Workflow">The run's workflow, when known.</param>
/// <param name="EventName">The event the decision is raised as.</param>
/// <param name="Title">What is asked, in one line.</param>
/// <param name="Kind">The kind of approval (report, tool-call, budget...).</param>
/// <param name="Status">pending, approved, rejected, expired or cancelled.</param>
/// <param name="Approvers">Who may decide (with the escalation approvers once escalated).</param>
/// <param name="RequestedAt">When it was asked (UTC).</param>
/// <param name="ExpiresAt">When the default applies (UTC).</param>
/// <param name="AgentName">The agent that asked, if any.</param>
/// <param name="ToolName">The tool call awaiting approval, if any.</param>
/// <param name="Decision">The decision (who, when, channel, comment, edits), once there is one.</param>
public sealed record ApprovalSummary(
    string InstanceId,
    string? Workflow,
    string EventName,
    string Title,
    string Kind,
    string Status,
    IReadOnlyList<string> Approvers,
    DateTime RequestedAt,
    DateTime ExpiresAt,
    string? AgentName,
    string? ToolName,
    ApprovalDecision? Decision)
{
    /// <summary>Refused decisions (not on the list, second decisions), for the audit trail.</summary>
    public IReadOnlyList<ApprovalRefusal> Refusals { get; init; } = [];

    /// <summary>Why the approval was closed without a person's decision, when it was.</summary>
    public string? ClosedReason { get; init; }

    /// <summary>The summary of <paramref name="record"/>.</summary>
    public static ApprovalSummary From(ApprovalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ApprovalSummary(
            record.InstanceId, record.Workflow, record.EventName, record.Title, record.Kind, record.Status.ToString().ToLowerInvariant(),
            [.. record.Deciders], record.RequestedAt, record.ExpiresAt, record.AgentName, record.ToolName, record.Decision)
        {
            Refusals = record.Refusals,
            ClosedReason = record.ClosedReason,
        };
    }
}
