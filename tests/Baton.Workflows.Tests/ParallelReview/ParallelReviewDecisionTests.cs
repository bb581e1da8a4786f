using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;
using Moq;

namespace Baton.Workflows.Tests.ParallelReview;

/// <summary>parallel-review's decisions with a Moq'd orchestration context.</summary>
public sealed class ParallelReviewDecisionTests
{
    private static readonly ReviewVerdict Approve = new(ReviewDecision.Approve, "Fine.", []);

    private static readonly ReviewVerdict Changes = new(
        ReviewDecision.ApproveWithChanges,
        "Cap the liability.",
        [new ReviewIssue(IssueSeverity.High, "Liability is unlimited", "Unlimited liability for both parties.", "Cap liability at 12 months of fees.")]);

    [Fact]
    public async Task RunAsync_OneReviewerActivityFails_AggregatesTheOthersAndReportsIt()
    {
        var (context, calls) = MockContext.Create(call => call.AgentName switch
        {
            WorkflowAgentNames.SecurityReviewer => MockContext.Structured(Approve),
            WorkflowAgentNames.LegalReviewer => MockContext.Structured(Changes),
            WorkflowAgentNames.FinanceReviewer => throw MockContext.Failed("Deployment 'finance' returned 401."),
            WorkflowAgentNames.ReviewAggregator => MockContext.Structured(new AggregatedReview(ReviewDecision.ApproveWithChanges, "Cap liability.", ["Cap liability."])),
            _ => throw new InvalidOperationException(call.AgentName),
        });

        var output = await new ParallelReviewOrchestrator().RunAsync(context.Object, new ParallelReviewInput("MSA", "Liability is unlimited."));

        Assert.Equal(ReviewDecision.ApproveWithChanges, output.Review.Decision);
        Assert.Equal([WorkflowAgentNames.SecurityReviewer, WorkflowAgentNames.LegalReviewer], output.Verdicts.Select(v => v.Reviewer));
        Assert.Equal(ReviewDecision.ApproveWithChanges, output.Verdicts[1].Verdict.Decision);
        Assert.Equal(Changes.Issues, output.Verdicts[1].Verdict.Issues);
        Assert.Equal(new ReviewerFailure(WorkflowAgentNames.FinanceReviewer, "Deployment 'finance' returned 401."), Assert.Single(output.Failed));
        var aggregation = Assert.Single(calls, c => c.AgentName == WorkflowAgentNames.ReviewAggregator);
        Assert.Contains("did not answer: finance-reviewer", aggregation.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal(3, output.Spend.Calls);
        context.Verify(c => c.SetCustomStatus(It.Is<WorkflowStatus>(s => s.State == "Completed")), Times.Once);
    }

    [Fact]
    public async Task RunAsync_QuorumNotMet_ThrowsWithoutCallingTheAggregator()
    {
        var (context, calls) = MockContext.Create(call => call.AgentName == WorkflowAgentNames.SecurityReviewer
            ? MockContext.Structured(Approve)
            : throw MockContext.Failed("down"));
        var input = new ParallelReviewInput("MSA", "Text.") { MinimumAnswers = 2 };

        var failure = await Assert.ThrowsAsync<ReviewQuorumNotMetException>(() => new ParallelReviewOrchestrator().RunAsync(context.Object, input));

        Assert.Equal([WorkflowAgentNames.LegalReviewer, WorkflowAgentNames.FinanceReviewer], failure.Failed.Select(f => f.Reviewer));
        Assert.DoesNotContain(calls, c => c.AgentName == WorkflowAgentNames.ReviewAggregator);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    public void Plan_NoMinimumGiven_RequiresAMajority(int reviewers, int required)
    {
        var input = new ParallelReviewInput("T", "D") { Reviewers = [.. Enumerable.Range(1, reviewers).Select(i => $"r{i}")] };

        Assert.Equal(required, ParallelReviewOrchestrator.Plan(input).Required);
    }

    [Theory]
    [InlineData(0, "at least 1")]
    [InlineData(4, "between 1 and 3")]
    public void Plan_MinimumOutOfRange_ThrowsSayingTheRange(int minimum, string expected)
    {
        var input = new ParallelReviewInput("T", "D") { MinimumAnswers = minimum };

        var failure = Assert.Throws<WorkflowInputException>(() => ParallelReviewOrchestrator.Plan(input));

        Assert.Equal("$.minimumAnswers", Assert.Single(failure.Errors).Field);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }
}
