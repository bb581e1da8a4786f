namespace Baton.Workflows;

/// <summary>The output of <see cref="WorkflowNames.WeeklyReport"/>.</summary>
/// <param name="WeekStart">The first day of the week reported on.</param>
/// <param name="WeekEnd">The last day of that week (six days after <paramref name="WeekStart"/>).</param>
/// <param name="ReportInstanceId">The instance id of the research-report run that produced the report.</param>
/// <param name="Report">That run's output: outcome, location, markdown, findings, decisions and spend.</param>
public sealed record WeeklyReportOutput(DateOnly WeekStart, DateOnly WeekEnd, string ReportInstanceId, ResearchReportOutput Report);
