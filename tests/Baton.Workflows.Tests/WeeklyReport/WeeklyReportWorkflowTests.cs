using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Workflows.Tests.WeeklyReport;

/// <summary>weekly-report end to end on the in-memory engine, the offline model and a fake clock.</summary>
public sealed class WeeklyReportWorkflowTests
{
    private const string Approver = "maria@example.com";

    [Fact]
    public async Task Run_StartedForAWeekAndApproved_PublishesTheWeeksReportThroughResearchReport()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var week = new DateOnly(2026, 1, 5);
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.WeeklyReport,
            new WeeklyReportInput(week, [Approver]) { Subject = "competitor pricing" },
            new StartOrchestrationOptions(WeeklyReportOrchestrator.InstanceIdFor(week)));

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        Assert.Equal("weekly-report-2026-01-05", id);
        Assert.Equal(id + ":report", requested.Request.InstanceId);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => test.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.WeeklyReport, new WeeklyReportInput(week, [Approver]), new StartOrchestrationOptions(id)));
        await test.Client.RaiseEventAsync(requested.Request.InstanceId, requested.Request.EventName, new ApprovalDecision(true, Approver, null, test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<WeeklyReportOutput>()!;
        Assert.Equal(new DateOnly(2026, 1, 11), output.WeekEnd);
        Assert.Equal(requested.Request.InstanceId, output.ReportInstanceId);
        Assert.Equal("What changed in competitor pricing in the week of 2026-01-05 to 2026-01-11", output.Report.Topic);
        Assert.Equal(ReportOutcome.Published, output.Report.Outcome);
        Assert.Equal(output.Report.Markdown, await test.Reports.Documents.ReadAsync(output.Report.Location!["reports/".Length..]));
        Assert.Equal(id, (await test.Client.GetInstanceAsync(output.ReportInstanceId))!.ParentInstanceId);
        Assert.Equal("Completed", done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }
}
