namespace Baton.Http;

/// <summary>One approval waiting for a decision, as <c>GET /api/approvals?status=pending</c> lists it.</summary>
/// <param name="InstanceId">The run that waits.</param>
/// <param name="Workflow">The run's workflow (orchestrator) name.</param>
/// <param name="EventName">The event the decision is raised as.</param>
/// <param name="Title">What is asked, in one line.</param>
/// <param name="Kind">The kind of approval (report, tool-call, budget...).</param>
/// <param name="Approvers">Who may decide.</param>
/// <param name="RequestedAt">When it was asked (UTC).</param>
/// <param name="ExpiresAt">When the default applies (UTC).</param>
/// <param name="AgentName">The agent that asked, if any.</param>
/// <param name="ToolName">The tool call awaiting approval, if any.</param>
public sealed record PendingApproval(
    string InstanceId,
    string Workflow,
    string EventName,
    string Title,
    string Kind,
    IReadOnlyList<string> Approvers,
    DateTime RequestedAt,
    DateTime ExpiresAt,
    string? AgentName,
    string? ToolName);
