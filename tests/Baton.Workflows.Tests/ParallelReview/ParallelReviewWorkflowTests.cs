using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Workflows.Tests.ParallelReview;

/// <summary>parallel-review end to end on the in-memory engine and the offline model.</summary>
public sealed class ParallelReviewWorkflowTests
{
    private const string Document =
        "Master services agreement. The supplier will host customer data in the EU. Fees are 12,000 EUR per year, " +
        "payable in advance. Liability is unlimited for both parties. The API key for the sandbox is included below.";

    [Fact]
    public async Task Run_DefaultReviewers_AllAnswerAndTheAggregatorDecides()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ParallelReview, new ParallelReviewInput("MSA with Northwind", Document));

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<ParallelReviewOutput>()!;
        Assert.Equal(WorkflowAgentNames.DefaultReviewers, output.Verdicts.Select(v => v.Reviewer));
        Assert.Empty(output.Failed);
        Assert.Equal(2, output.Required);
        Assert.Contains(OfflineChatClient.Marker, output.Review.Summary, StringComparison.Ordinal);
        Assert.Equal(4, output.Spend.Agents.Count);
        Assert.Equal("Completed", done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }

    [Fact]
    public async Task Run_OneReviewerFailsAndTwoOfThreeAreRequired_SucceedsAndReportsTheFailure()
    {
        await using var test = await WorkflowTestHost.StartAsync(agents => agents
            .AddAgent(WorkflowAgents.SecurityReviewer with { Name = "broken-reviewer", Model = "broken" })
            .UseChatClient("broken", _ => new FailingChatClient()));
        var input = new ParallelReviewInput("MSA with Northwind", Document)
        {
            Reviewers = [WorkflowAgentNames.SecurityReviewer, "broken-reviewer", WorkflowAgentNames.FinanceReviewer],
            MinimumAnswers = 2,
        };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ParallelReview, input);

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<ParallelReviewOutput>()!;
        Assert.Equal([WorkflowAgentNames.SecurityReviewer, WorkflowAgentNames.FinanceReviewer], output.Verdicts.Select(v => v.Reviewer));
        var failure = Assert.Single(output.Failed);
        Assert.Equal("broken-reviewer", failure.Reviewer);
        Assert.Contains(FailingChatClient.Message, failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FewerAnswersThanRequired_FailsNamingTheFailedReviewers()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var input = new ParallelReviewInput("MSA with Northwind", Document)
        {
            Reviewers = [WorkflowAgentNames.LegalReviewer, "tax-reviewer", "privacy-reviewer"],
            MinimumAnswers = 2,
        };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ParallelReview, input);

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var message = done.FailureDetails!.ErrorMessage;
        Assert.Contains("Only 1 of 3 reviewers answered; 2 were required", message, StringComparison.Ordinal);
        Assert.Contains("tax-reviewer", message, StringComparison.Ordinal);
        Assert.Contains("privacy-reviewer", message, StringComparison.Ordinal);
        Assert.DoesNotContain(WorkflowAgentNames.LegalReviewer + ":", message, StringComparison.Ordinal);
        Assert.Equal("Failed", done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }

    [Fact]
    public async Task Run_OfflineDocumentWithACredential_IsRejectedByTheSecurityReviewerAndTheBoard()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var input = new ParallelReviewInput(
            "Partner onboarding guide",
            "Partners connect to our API with the shared admin password Hunter2, which is the same credential for every partner.");
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ParallelReview, input);

        var output = (await test.CompletionAsync(id)).ReadOutputAs<ParallelReviewOutput>()!;

        var security = output.Verdicts.Single(v => v.Reviewer == WorkflowAgentNames.SecurityReviewer).Verdict;
        Assert.Equal(ReviewDecision.Reject, security.Decision);
        Assert.NotEmpty(security.Issues);
        Assert.Equal(ReviewDecision.Reject, output.Review.Decision); // the strictest verdict a reviewer justified
        Assert.Contains(OfflineChatClient.Marker, output.Review.Summary, StringComparison.Ordinal);
    }
}
