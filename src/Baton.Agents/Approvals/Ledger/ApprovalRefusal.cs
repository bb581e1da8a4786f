namespace Baton.Agents;

/// <summary>A decision that was refused and did not advance the run, kept in the record for the audit trail.</summary>
/// <param name="Approver">Who the decision claimed to come from.</param>
/// <param name="Approved">What it said.</param>
/// <param name="At">When it was refused (UTC).</param>
/// <param name="Reason">Why, in words for the audit trail.</param>
/// <param name="Channel">How it arrived (see <see cref="ApprovalChannels"/>), when known.</param>
public sealed record ApprovalRefusal(string Approver, bool Approved, DateTime At, string Reason, string? Channel);
