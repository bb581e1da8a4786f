namespace Baton.Workflows;

/// <summary>The reviewer's structured answer on one draft.</summary>
/// <param name="Verdict">Approve, or request changes.</param>
/// <param name="Summary">One or two sentences: the reviewer's overall view.</param>
/// <param name="ChangeRequests">Each change the drafter must make, concrete and self-contained; empty on approval.</param>
public sealed record DraftReview(DraftVerdict Verdict, string Summary, IReadOnlyList<string> ChangeRequests);
