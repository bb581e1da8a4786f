namespace Baton.Workflows;

/// <summary>The aggregator's structured answer: one decision for the document.</summary>
/// <param name="Decision">The overall decision.</param>
/// <param name="Summary">Two or three sentences for the document's owner.</param>
/// <param name="RequiredChanges">The changes to make, deduplicated, blocking ones first.</param>
public sealed record AggregatedReview(ReviewDecision Decision, string Summary, IReadOnlyList<string> RequiredChanges);
