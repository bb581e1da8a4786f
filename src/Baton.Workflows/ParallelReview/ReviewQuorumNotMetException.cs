namespace Baton.Workflows;

/// <summary>Fewer reviewers answered than a parallel review required; the message names those that failed and why.</summary>
public sealed class ReviewQuorumNotMetException(int answered, int required, IReadOnlyList<ReviewerFailure> failed)
    : InvalidOperationException(
        $"Only {answered} of {answered + failed.Count} reviewers answered; {required} were required. Failed: " +
        string.Join("; ", failed.Select(f => $"{f.Reviewer}: {f.Error}")) +
        ". Fix the failing reviewers (agent name, model configuration) or lower minimumAnswers.")
{
    /// <summary>The reviewers that failed.</summary>
    public IReadOnlyList<ReviewerFailure> Failed { get; } = failed;
}
