namespace Baton.Agents;

/// <summary>
/// The input of the <see cref="AgentActivityNames.SettleApproval"/> activity: a decision the run received (or, at the
/// deadline, none) to check against the ledger.
/// </summary>
/// <param name="InstanceId">The run.</param>
/// <param name="EventName">The approval's event.</param>
/// <param name="Received">The decision the run received; null at the deadline.</param>
/// <param name="Deciders">Who may decide, as the run sees it (the approvers, plus the escalation approvers once escalated).</param>
/// <param name="Default">At the deadline: the policy's default decision, or null when the policy fails the run.</param>
/// <param name="At">The orchestration's time of the settlement (UTC), so that the record's times follow durable time.</param>
public sealed record ApprovalSettlement(
    string InstanceId,
    string EventName,
    ApprovalDecision? Received,
    IReadOnlyList<string> Deciders,
    ApprovalDecision? Default,
    DateTime At);
