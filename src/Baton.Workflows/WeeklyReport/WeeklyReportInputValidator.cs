namespace Baton.Workflows;

/// <summary>
/// The rules of a <see cref="WeeklyReportInput"/>: its schema (weekStart and approvers required, approvers email
/// addresses) plus a subject that is not blank and a positive approval timeout. Used by the start path, by schedules
/// and by <see cref="WeeklyReportOrchestrator"/>.
/// </summary>
public sealed class WeeklyReportInputValidator : WorkflowInputValidator<WeeklyReportInput>
{
    /// <summary>The one instance; the validator holds no state.</summary>
    public static WeeklyReportInputValidator Instance { get; } = new();

    /// <inheritdoc />
    protected override string Workflow => WorkflowNames.WeeklyReport;

    /// <inheritdoc />
    protected override IEnumerable<WorkflowInputError> Check(WeeklyReportInput input) =>
    [
        .. input.WeekStart == default ? [new WorkflowInputError("$.weekStart", "'weekStart' is missing; give the first day of the week as yyyy-mm-dd.")] : Array.Empty<WorkflowInputError>(),
        .. NotBlank("$.subject", input.Subject, "what the report covers, or leave it out for the default"),
        .. Positive("$.approvalTimeout", input.ApprovalTimeout),
    ];
}
