namespace Baton.Agents;

/// <summary>The answer of <see cref="ApprovalDecider.DecideAsync"/>.</summary>
/// <param name="Outcome">What became of the ballot.</param>
/// <param name="Record">The record afterwards (with the winning decision when there is one); null when not found.</param>
/// <param name="Message">What happened, in words for the person who decided.</param>
public sealed record ApprovalDecisionResult(ApprovalDecisionOutcome Outcome, ApprovalRecord? Record, string Message);
