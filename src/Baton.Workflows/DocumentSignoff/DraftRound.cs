namespace Baton.Workflows;

/// <summary>One drafting round: the round number (from 1) and the reviewer's answer on that round's draft.</summary>
/// <param name="Round">The round, from 1.</param>
/// <param name="Review">The reviewer's answer.</param>
public sealed record DraftRound(int Round, DraftReview Review);
