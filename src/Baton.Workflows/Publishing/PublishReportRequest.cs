namespace Baton.Workflows;

/// <summary>The input of the <see cref="WorkflowNames.PublishReportActivity"/> activity.</summary>
/// <param name="InstanceId">The run that produced the report; makes the path unique and the write repeatable.</param>
/// <param name="Title">The report's title, used in its path.</param>
/// <param name="Markdown">The report.</param>
/// <param name="ApprovedBy">Who approved it (or the timeout default).</param>
/// <param name="ApprovedAt">When it was approved (orchestration time, UTC); dates the path.</param>
/// <param name="RequestedBy">Who asked for the report, when known; shown in the announcement.</param>
public sealed record PublishReportRequest(string InstanceId, string Title, string Markdown, string ApprovedBy, DateTime ApprovedAt, string? RequestedBy = null);
