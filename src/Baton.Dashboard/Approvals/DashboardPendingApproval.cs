namespace Baton.Dashboard;

/// <summary>One approval waiting for a decision, as the inbox lists it.</summary>
/// <param name="InstanceId">The run that waits.</param>
/// <param name="Workflow">The run's workflow (orchestration name).</param>
/// <param name="EventName">The event the run waits for; raising it with a decision answers the approval.</param>
/// <param name="Title">What is being approved.</param>
/// <param name="Approvers">Who may decide.</param>
/// <param name="RequestedAt">When the approval was asked for (UTC).</param>
/// <param name="ExpiresAt">When the run stops waiting (UTC), when known.</param>
public sealed record DashboardPendingApproval(
    string InstanceId,
    string Workflow,
    string EventName,
    string Title,
    IReadOnlyList<string> Approvers,
    DateTime RequestedAt,
    DateTime? ExpiresAt)
{
    /// <summary>The start of what is being approved (plain text), when known.</summary>
    public string? Excerpt { get; init; }

    /// <summary>The approval page, when the source or <see cref="DashboardOptions.ApprovalLink"/> knows it.</summary>
    public Uri? Link { get; init; }

    /// <summary>What kind of approval: report, sign-off, tool-call, budget, or the workflow's word.</summary>
    public string? Kind { get; init; }

    /// <summary>For a tool call: the tool awaiting approval.</summary>
    public string? ToolName { get; init; }

    /// <summary>The agent that asked, if any.</summary>
    public string? AgentName { get; init; }

    /// <summary>True when the approver may edit <see cref="Editable"/> as part of the decision.</summary>
    public bool AllowEdits { get; init; }

    /// <summary>The full text an approver may edit (the draft, or a tool call's arguments).</summary>
    public string? Editable { get; init; }
}
