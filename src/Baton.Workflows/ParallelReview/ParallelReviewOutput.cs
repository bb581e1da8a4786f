using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The output of a <see cref="WorkflowNames.ParallelReview"/> run that reached its quorum.</summary>
/// <param name="Title">The document's title.</param>
/// <param name="Review">The aggregator's merged decision.</param>
/// <param name="Verdicts">The verdicts of the reviewers that answered, in the order reviewers were listed.</param>
/// <param name="Failed">The reviewers that did not answer, and why.</param>
/// <param name="Required">How many answers were required (k).</param>
/// <param name="Spend">Tokens and estimated cost of the whole run.</param>
public sealed record ParallelReviewOutput(
    string Title,
    AggregatedReview Review,
    IReadOnlyList<ReviewerVerdict> Verdicts,
    IReadOnlyList<ReviewerFailure> Failed,
    int Required,
    RunSpend Spend);
