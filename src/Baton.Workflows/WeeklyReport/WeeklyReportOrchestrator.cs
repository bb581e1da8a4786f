using System.Globalization;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <see cref="WorkflowNames.WeeklyReport"/>: derives the topic "what changed this week" from the week's start date and
/// runs <see cref="WorkflowNames.ResearchReport"/> on it as a sub-orchestration (researcher, analyst, writer, approval,
/// publishing), with the child instance id "{this instance}:report". Meant to be started by a schedule under
/// <see cref="InstanceIdFor"/>, so that each week has exactly one run: a second start for the same week is refused
/// by the engine as a duplicate instance.
/// </summary>
[DurableTask(WorkflowNames.WeeklyReport)]
public sealed class WeeklyReportOrchestrator : TaskOrchestrator<WeeklyReportInput, WeeklyReportOutput>
{
    /// <summary>The instance id of the run for the week starting <paramref name="weekStart"/>: "weekly-report-yyyy-MM-dd".</summary>
    public static string InstanceIdFor(DateOnly weekStart) =>
        $"{WorkflowNames.WeeklyReport}-{weekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public override async Task<WeeklyReportOutput> RunAsync(TaskOrchestrationContext context, WeeklyReportInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        WeeklyReportInputValidator.Instance.ThrowIfInvalid(input);
        var progress = new WorkflowProgress(context, WorkflowNames.WeeklyReport);
        var weekEnd = input.WeekStart.AddDays(6);
        var research = ResearchInputFor(input);
        var childId = context.InstanceId + ":report";

        progress.Set("Reporting", $"{WorkflowNames.ResearchReport} {childId}: {research.Topic}");
        var report = await context.CallSubOrchestratorAsync<ResearchReportOutput>(
            WorkflowNames.ResearchReport,
            research,
            new SubOrchestrationOptions(instanceId: childId));

        progress.Set("Completed", $"{report.Outcome}{(report.Location is null ? string.Empty : " to " + report.Location)}");
        return new WeeklyReportOutput(input.WeekStart, weekEnd, childId, report);
    }

    /// <summary>The research-report input for a week: the topic names the subject and the week's dates, the rest is passed on.</summary>
    internal static ResearchReportInput ResearchInputFor(WeeklyReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var from = input.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = input.WeekStart.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ResearchReportInput($"What changed in {input.Subject} in the week of {from} to {to}", input.Approvers)
        {
            SourcePrefix = input.SourcePrefix,
            ApprovalTimeout = input.ApprovalTimeout,
            OnApprovalTimeout = input.OnApprovalTimeout,
            Budget = input.Budget,
        };
    }
}
