using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;
using Moq;

namespace Baton.Workflows.Tests.ResearchReport;

/// <summary>research-report's decisions with a Moq'd orchestration context.</summary>
public sealed class ResearchReportDecisionTests
{
    private static readonly ResearchFindings Findings = new(
        "Competitors moved on price.",
        [new Finding("Northwind raised prices 12%.", "sources/pricing/2025-q3-competitors.md", FindingConfidence.High)],
        ["Churn to Contoso's free tier."],
        ["Keep annual discounts."]);

    private static DateTime Now => new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task RunAsync_RejectedWithComment_SendsTheCommentToTheWriterAndPublishesTheRevision()
    {
        var drafts = 0;
        var (context, calls) = MockContext.Create(call => call.AgentName switch
        {
            WorkflowAgentNames.Researcher => MockContext.Text("Northwind raised prices (sources/pricing/2025-q3-competitors.md)."),
            WorkflowAgentNames.Analyst => MockContext.Structured(Findings),
            WorkflowAgentNames.Writer => MockContext.Text($"# Draft {++drafts}"),
            _ => throw new InvalidOperationException(call.AgentName),
        });
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n == AgentActivityNames.NotifyApprovers), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(true);
        context.SetupSequence(c => c.WaitForExternalEvent<ApprovalDecision>(It.IsAny<string>(), It.IsAny<TimeSpan>()))
            .ReturnsAsync(new ApprovalDecision(false, "maria", "Add the churn numbers.", Now))
            .ReturnsAsync(new ApprovalDecision(true, "maria", null, Now));
        AcceptEveryDecision(context);
        PublishReportRequest? published = null;
        context.Setup(c => c.CallActivityAsync<PublishedReport>(It.Is<TaskName>(n => n == WorkflowNames.PublishReportActivity), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                published = (PublishReportRequest)input!;
                return Task.FromResult(new PublishedReport("reports/x.md", "x.md", 9));
            });

        var output = await new ResearchReportOrchestrator().RunAsync(context.Object, new ResearchReportInput("Pricing", ["maria@example.com"]) { RequestedBy = "sam" });

        Assert.Equal(ReportOutcome.Published, output.Outcome);
        Assert.Equal("# Draft 2", published!.Markdown);
        Assert.Equal("maria", published.ApprovedBy);
        Assert.Equal("sam", published.RequestedBy);
        var revision = calls.Where(c => c.AgentName == WorkflowAgentNames.Writer).Last();
        Assert.Contains("Add the churn numbers.", revision.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("# Draft 1", revision.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal(1, output.Revisions);
        Assert.Equal(["researcher", "analyst", "writer", "writer"], calls.Select(c => c.AgentName));
    }

    [Fact]
    public async Task RunAsync_ApprovedWithEdits_PublishesTheApproversText()
    {
        var (context, _) = MockContext.Create(call => call.AgentName switch
        {
            WorkflowAgentNames.Researcher => MockContext.Text("Northwind raised prices."),
            WorkflowAgentNames.Analyst => MockContext.Structured(Findings),
            _ => MockContext.Text("# Draft"),
        });
        ApprovalRequest? asked = null;
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n == AgentActivityNames.NotifyApprovers), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => asked = ((ApprovalNotification)input!).Request)
            .ReturnsAsync(true);
        context.Setup(c => c.WaitForExternalEvent<ApprovalDecision>(It.IsAny<string>(), It.IsAny<TimeSpan>()))
            .ReturnsAsync(new ApprovalDecision(true, "maria", "Tightened the intro.", Now) { EditedText = "# Draft, edited by maria" });
        AcceptEveryDecision(context);
        PublishReportRequest? published = null;
        context.Setup(c => c.CallActivityAsync<PublishedReport>(It.Is<TaskName>(n => n == WorkflowNames.PublishReportActivity), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                published = (PublishReportRequest)input!;
                return Task.FromResult(new PublishedReport("reports/x.md", "x.md", 9));
            });

        var output = await new ResearchReportOrchestrator().RunAsync(context.Object, new ResearchReportInput("Pricing", ["maria@example.com"]));

        Assert.True(asked!.AllowEdits);
        Assert.Equal("# Draft, edited by maria", published!.Markdown);
        Assert.Equal("# Draft, edited by maria", output.Markdown);
        Assert.Equal("# Draft, edited by maria", Assert.Single(output.Decisions).EditedText);
    }

    private static void AcceptEveryDecision(Mock<TaskOrchestrationContext> context) =>
        context.Setup(c => c.CallActivityAsync<ApprovalVerdict>(It.Is<TaskName>(n => n == AgentActivityNames.SettleApproval), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
                Task.FromResult(new ApprovalVerdict(true, ((ApprovalSettlement)input!).Received ?? ((ApprovalSettlement)input!).Default, null)));

    [Theory]
    [InlineData(true, false, "ok", 0, 1, "Publish")]
    [InlineData(true, true, null, 0, 1, "Publish")]
    [InlineData(false, false, "Fix the intro.", 0, 1, "Revise")]
    [InlineData(false, false, "Fix the intro.", 1, 1, "Reject")]
    [InlineData(false, false, "  ", 0, 1, "Reject")]
    [InlineData(false, false, "Fix it.", 0, 0, "Reject")]
    [InlineData(false, true, "Rejected by default.", 0, 1, "TimedOut")]
    public void Decide_Decision_GivesTheNextStep(bool approved, bool isDefault, string? comment, int revisions, int maxRevisions, string expected)
    {
        var decision = new ApprovalDecision(approved, "maria", comment, Now) { IsDefault = isDefault };

        Assert.Equal(expected, ResearchReportOrchestrator.Decide(decision, revisions, maxRevisions).ToString());
    }

    [Fact]
    public void ApprovalPolicyFor_Defaults_OneReminderHalfwayThenTheInputsDefault()
    {
        var policy = ResearchReportOrchestrator.ApprovalPolicyFor(new ResearchReportInput("T", ["a"]) { OnApprovalTimeout = ApprovalTimeoutAction.Approve });

        Assert.Equal(new ApprovalPolicy(TimeSpan.FromDays(2), TimeSpan.FromDays(1), 1, null, ApprovalTimeoutAction.Approve), policy);
    }
}
