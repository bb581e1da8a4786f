using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Workflows.Tests.ResearchReport;

/// <summary>research-report end to end on the in-memory engine, the offline model and a fake clock.</summary>
public sealed class ResearchReportWorkflowTests
{
    private const string Approver = "maria@example.com";

    private static ResearchReportInput Input(ApprovalTimeoutAction onTimeout = ApprovalTimeoutAction.Reject) =>
        new("Competitor pricing changes in Q3", [Approver])
        {
            ApprovalTimeout = TimeSpan.FromDays(2),
            OnApprovalTimeout = onTimeout,
        };

    [Fact]
    public async Task Run_Approved_PublishesTheReportAndShowsProgressAndSpend()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, Input());

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        var waiting = await WorkflowTestHost.EventuallyAsync(
            () => test.Client.GetInstanceAsync(id, true),
            s => s?.ReadCustomStatusAs<WorkflowStatus>()?.State == "AwaitingApproval",
            "the run to await approval");
        Assert.Equal(requested.Request.EventName, waiting!.ReadCustomStatusAs<WorkflowStatus>()!.PendingApprovalEvent);
        Assert.Contains("## Summary", requested.Request.Details, StringComparison.Ordinal);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(true, Approver, "Looks good.", test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<ResearchReportOutput>()!;
        Assert.Equal(ReportOutcome.Published, output.Outcome);
        Assert.StartsWith("reports/2026/01/05/competitor-pricing-changes-in-q3-", output.Location, StringComparison.Ordinal);
        Assert.Equal(output.Markdown, await test.Reports.Documents.ReadAsync(output.Location!["reports/".Length..]));
        Assert.Contains(OfflineChatClient.Marker, output.Markdown, StringComparison.Ordinal);
        Assert.NotEmpty(output.Findings.Findings);
        Assert.Equal(0, output.Revisions);
        Assert.Equal(Approver, Assert.Single(output.Decisions).Approver);
        Assert.Equal(
            [WorkflowAgentNames.Analyst, WorkflowAgentNames.Researcher, WorkflowAgentNames.Writer],
            output.Spend.Agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, output.Spend.Agents[WorkflowAgentNames.Researcher].Calls); // search, read the hits, answer
        Assert.True(output.Spend.TotalTokens > 0);
        var status = done.ReadCustomStatusAs<WorkflowStatus>()!;
        Assert.Equal("Completed", status.State);
        Assert.Equal(output.Spend.TotalTokens, status.Spend.TotalTokens);
    }

    [Fact]
    public async Task Run_Offline_ReportIsMadeOfTheSourceDocumentsFactsWithNoToolError()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, Input());

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(true, Approver, null, test.Time.GetUtcNow().UtcDateTime));
        var output = (await test.CompletionAsync(id)).ReadOutputAs<ResearchReportOutput>()!;

        var history = await test.Client.GetInstanceHistoryAsync(id) ?? [];
        var toolResults = history.Where(e => e.EventType == HistoryEventType.TaskCompleted && e.Result?.Contains("\"isError\"", StringComparison.Ordinal) == true).Select(e => e.Result!).ToList();
        Assert.NotEmpty(toolResults);
        Assert.All(toolResults, r => Assert.Contains("\"isError\":false", r, StringComparison.Ordinal));
        Assert.Contains("# Competitor pricing changes in Q3", output.Markdown, StringComparison.Ordinal);
        Assert.Contains("Northwind raised its enterprise plan price by 12 percent in July.", output.Markdown, StringComparison.Ordinal);
        Assert.Contains("(sources/pricing/2025-q3-competitors.md)", output.Markdown, StringComparison.Ordinal);
        Assert.Contains("## Sources", output.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Write the report", output.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Competitor pricing changes in Q3.", output.Markdown, StringComparison.Ordinal);
        Assert.All(output.Findings.Findings, f => Assert.StartsWith("sources/", f.Source, StringComparison.Ordinal));
        Assert.Contains(output.Findings.Findings, f => f.Statement.Contains("Contoso introduced a free tier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_RejectedWithComments_RevisesOnceThenPublishesOnApproval()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, Input());

        var first = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.Client.RaiseEventAsync(id, first.Request.EventName, new ApprovalDecision(false, Approver, "Add a section on annual discounts.", test.Time.GetUtcNow().UtcDateTime));
        var second = await test.NotificationAsync(ApprovalNotificationKind.Requested, 2);
        await test.Client.RaiseEventAsync(id, second.Request.EventName, new ApprovalDecision(true, Approver, null, test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<ResearchReportOutput>()!;
        Assert.NotEqual(first.Request.EventName, second.Request.EventName);
        Assert.Equal(ReportOutcome.Published, output.Outcome);
        Assert.Equal(1, output.Revisions);
        Assert.Equal([false, true], output.Decisions.Select(d => d.Approved));
        Assert.Equal(2, output.Spend.Agents[WorkflowAgentNames.Writer].Calls);
        Assert.NotNull(await test.Reports.Documents.ReadAsync(output.Location!["reports/".Length..]));
    }

    [Fact]
    public async Task Run_RejectedWithCommentsTwice_EndsRejectedAfterOneRevisionAndPublishesNothing()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, Input());

        var first = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.Client.RaiseEventAsync(id, first.Request.EventName, new ApprovalDecision(false, Approver, "Too vague.", test.Time.GetUtcNow().UtcDateTime));
        var second = await test.NotificationAsync(ApprovalNotificationKind.Requested, 2);
        await test.Client.RaiseEventAsync(id, second.Request.EventName, new ApprovalDecision(false, Approver, "Still too vague.", test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<ResearchReportOutput>()!;
        Assert.Equal(ReportOutcome.Rejected, output.Outcome);
        Assert.Null(output.Location);
        Assert.Equal(1, output.Revisions);
        Assert.Equal(2, output.Decisions.Count);
        Assert.Empty(await test.Reports.Documents.ListAsync());
    }

    [Theory]
    [InlineData(ApprovalTimeoutAction.Reject, ReportOutcome.TimedOut)]
    [InlineData(ApprovalTimeoutAction.Approve, ReportOutcome.Published)]
    public async Task Run_NoDecision_RemindsOnceThenAppliesTheConfiguredDefault(ApprovalTimeoutAction onTimeout, ReportOutcome expected)
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, Input(onTimeout));

        await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.HistoryAsync(id, HistoryEventType.TimerCreated, 1);
        test.Time.Advance(TimeSpan.FromDays(1));
        var reminder = await test.NotificationAsync(ApprovalNotificationKind.Reminder);
        await test.HistoryAsync(id, HistoryEventType.TimerCreated, 2);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await test.Client.GetInstanceAsync(id))!.RuntimeStatus);
        test.Time.Advance(TimeSpan.FromDays(1));
        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<ResearchReportOutput>()!;
        Assert.Equal(expected, output.Outcome);
        Assert.Equal(1, reminder.Sequence);
        Assert.Single(test.Notifier.Notifications, n => n.Kind == ApprovalNotificationKind.Reminder);
        var decision = Assert.Single(output.Decisions);
        Assert.True(decision.IsDefault);
        Assert.Equal(ApprovalDecision.TimeoutApprover, decision.Approver);
        Assert.Equal(expected == ReportOutcome.Published, output.Location is not null);
    }

    [Fact]
    public async Task Run_NoApprovers_FailsSayingWhatToSet()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, new ResearchReportInput("Pricing", []));

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("approvers", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ApproverNotAnEmailAddress_FailsNamingTheItemAsAStartWould()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, new ResearchReportInput("Pricing", [Approver, "bob"]));

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(WorkflowInputException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("approvers[1]: 'bob' is not an email address.", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }
}
