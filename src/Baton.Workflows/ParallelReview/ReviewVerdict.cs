namespace Baton.Workflows;

/// <summary>A reviewer's structured answer.</summary>
/// <param name="Decision">Approve, approve with changes, or reject.</param>
/// <param name="Summary">One or two sentences: the reviewer's overall view.</param>
/// <param name="Issues">What must or should change, most severe first.</param>
public sealed record ReviewVerdict(ReviewDecision Decision, string Summary, IReadOnlyList<ReviewIssue> Issues);
