namespace Baton.Agents;

/// <summary>The output of the <see cref="AgentActivityNames.SettleApproval"/> activity.</summary>
/// <param name="Accepted">True when the run goes on with <paramref name="Decision"/>; false when the received decision was refused and the run keeps waiting.</param>
/// <param name="Decision">The decision the run goes on with: the ledger's winner (with its comment and edits), or the default.</param>
/// <param name="Reason">Why a decision was refused.</param>
public sealed record ApprovalVerdict(bool Accepted, ApprovalDecision? Decision, string? Reason);
