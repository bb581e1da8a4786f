namespace Baton.Workflows;

/// <summary>The input of <see cref="WorkflowNames.ParallelReview"/>.</summary>
/// <param name="Title">The document's title.</param>
/// <param name="Document">The document's text.</param>
public sealed record ParallelReviewInput(string Title, string Document)
{
    /// <summary>
    /// The reviewer agents, by name; <see cref="WorkflowAgentNames.DefaultReviewers"/> (security, legal, finance) when
    /// null or empty. Any agent whose output type is <see cref="ReviewVerdict"/> may review.
    /// </summary>
    public IReadOnlyList<string>? Reviewers { get; init; }

    /// <summary>How many reviewers must answer for the run to succeed (k of n); a majority when null.</summary>
    public int? MinimumAnswers { get; init; }
}
