using System.Text.Json;
using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <see cref="WorkflowNames.ParallelReview"/>: every reviewer reviews the document at once (fan-out); each answers with
/// a <see cref="ReviewVerdict"/> or fails on its own without stopping the others. When at least k reviewers answered
/// (fan-in), the aggregator merges their verdicts and the output lists those that failed; otherwise the run fails with
/// <see cref="ReviewQuorumNotMetException"/>, naming them.
/// </summary>
[DurableTask(WorkflowNames.ParallelReview)]
public sealed class ParallelReviewOrchestrator : TaskOrchestrator<ParallelReviewInput, ParallelReviewOutput>
{
    /// <inheritdoc />
    public override async Task<ParallelReviewOutput> RunAsync(TaskOrchestrationContext context, ParallelReviewInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (reviewers, required) = Plan(input);
        var logger = context.CreateReplaySafeLogger<ParallelReviewOrchestrator>();
        var progress = new WorkflowProgress(context, WorkflowNames.ParallelReview);
        var finished = 0;
        var options = progress.AgentOptions(step: s => $"{finished} of {reviewers.Count} reviewers finished; {s.Agent}: {s.Step}");

        progress.Set("Reviewing", $"0 of {reviewers.Count} reviewers finished");
        var prompt = $"Review this document.\n\nTitle: {input.Title}\n\n{input.Document}";
        var outcomes = await Task.WhenAll(reviewers.Select(ReviewAsync));

        var verdicts = outcomes.OfType<ReviewerVerdict>().ToList();
        var failed = outcomes.OfType<ReviewerFailure>().ToList();
        foreach (var failure in failed)
        {
            Log.ReviewerFailed(logger, context.InstanceId, failure.Reviewer, failure.Error);
        }

        if (!QuorumMet(verdicts.Count, required))
        {
            progress.Set("Failed", $"{verdicts.Count} of {reviewers.Count} reviewers answered; {required} required");
            throw new ReviewQuorumNotMetException(verdicts.Count, required, failed);
        }

        progress.Set("Aggregating", WorkflowAgentNames.ReviewAggregator);
        var merged = await context.RunAgentAsync<AggregatedReview>(WorkflowAgentNames.ReviewAggregator, AggregatePrompt(input.Title, verdicts, failed), options);
        progress.Set("Completed", $"{merged.Output.Decision}; {verdicts.Count} of {reviewers.Count} reviewers answered");
        return new ParallelReviewOutput(input.Title, merged.Output, verdicts, failed, required, progress.Spend);

        async Task<object> ReviewAsync(string reviewer)
        {
            try
            {
                var review = await context.RunAgentAsync<ReviewVerdict>(reviewer, prompt, options);
                return new ReviewerVerdict(reviewer, review.Output);
            }
            catch (Exception e) when (e is TaskFailedException or StructuredOutputException or MaxTurnsExceededException)
            {
                return new ReviewerFailure(reviewer, e is TaskFailedException failedTask ? failedTask.FailureDetails.ErrorMessage : e.Message);
            }
            finally
            {
                finished++;
            }
        }
    }

    /// <summary>The reviewers to ask (the input's, else the defaults) and how many must answer (the input's k, else a majority).</summary>
    internal static (IReadOnlyList<string> Reviewers, int Required) Plan(ParallelReviewInput? input)
    {
        ParallelReviewInputValidator.Instance.ThrowIfInvalid(input);
        var reviewers = ReviewersOf(input!);
        return (reviewers, input!.MinimumAnswers ?? (reviewers.Count / 2) + 1);
    }

    /// <summary>The reviewers to ask: the input's, without repeats, or the defaults when it names none.</summary>
    internal static IReadOnlyList<string> ReviewersOf(ParallelReviewInput input) =>
        input.Reviewers is { Count: > 0 } named ? [.. named.Distinct(StringComparer.OrdinalIgnoreCase)] : WorkflowAgentNames.DefaultReviewers;

    /// <summary>True when enough reviewers answered.</summary>
    internal static bool QuorumMet(int answered, int required) => answered >= required;

    private static string AggregatePrompt(string title, List<ReviewerVerdict> verdicts, List<ReviewerFailure> failed)
    {
        var json = JsonSerializer.Serialize(verdicts, StructuredOutputValidator.SerializerOptions);
        var missing = failed.Count == 0 ? "none" : string.Join(", ", failed.Select(f => f.Reviewer));
        return $"Document: {title}\n\nReviewer verdicts (JSON):\n{json}\n\nReviewers that did not answer: {missing}";
    }
}
