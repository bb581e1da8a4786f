namespace Baton.Workflows;

/// <summary>
/// The rules of a <see cref="ParallelReviewInput"/>: its schema (title and document required; reviewers, when given, at
/// least one) plus a document that is not blank, no blank reviewer names, and a minimumAnswers between 1 and the number
/// of reviewers. Used by the start path and by <see cref="ParallelReviewOrchestrator"/>.
/// </summary>
public sealed class ParallelReviewInputValidator : WorkflowInputValidator<ParallelReviewInput>
{
    /// <summary>The one instance; the validator holds no state.</summary>
    public static ParallelReviewInputValidator Instance { get; } = new();

    /// <inheritdoc />
    protected override string Workflow => WorkflowNames.ParallelReview;

    /// <inheritdoc />
    protected override IEnumerable<WorkflowInputError> Check(ParallelReviewInput input)
    {
        var errors = new List<WorkflowInputError>();
        errors.AddRange(NotBlank("$.document", input.Document, "the document's text"));
        errors.AddRange(NoBlankItems("$.reviewers", input.Reviewers));
        var reviewers = ParallelReviewOrchestrator.ReviewersOf(input).Count;
        if (input.MinimumAnswers is { } required && (required < 1 || required > reviewers))
        {
            errors.Add(new("$.minimumAnswers", $"'minimumAnswers' is {required} but there {(reviewers == 1 ? "is 1 reviewer" : $"are {reviewers} reviewers")}; it must be between 1 and {reviewers}."));
        }

        return errors;
    }
}
