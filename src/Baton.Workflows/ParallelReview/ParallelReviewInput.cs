using System.ComponentModel.DataAnnotations;
namespace Baton.Workflows;

/// <summary>The input of <see cref="WorkflowNames.ParallelReview"/>.</summary>
/// <param name="Title">The document's title.</param>
/// <param name="Document">The document's text.</param>
public sealed record ParallelReviewInput(string Title, [MinLength(1)] string Document)
{
    /// <summary>
    /// The reviewer agents, by name; <see cref="WorkflowAgentNames.DefaultReviewers"/> (security, legal, finance) when
    /// left out. When given, at least one. Any agent whose output type is <see cref="ReviewVerdict"/> may review.
    /// </summary>
    [MinLength(1)]
    public IReadOnlyList<string>? Reviewers { get; init; }

    /// <summary>How many reviewers must answer for the run to succeed (k of n); a majority when null.</summary>
    [Range(1, 100)]
    public int? MinimumAnswers { get; init; }
}
