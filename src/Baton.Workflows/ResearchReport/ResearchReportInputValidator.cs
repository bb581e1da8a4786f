namespace Baton.Workflows;

/// <summary>
/// The rules of a <see cref="ResearchReportInput"/>: its schema (topic and approvers required, approvers email
/// addresses, maxRevisions 0 to 10) plus a topic that is not blank, positive timeouts and a reminder before the
/// timeout. Used by the start path and by <see cref="ResearchReportOrchestrator"/>.
/// </summary>
public sealed class ResearchReportInputValidator : WorkflowInputValidator<ResearchReportInput>
{
    /// <summary>The one instance; the validator holds no state.</summary>
    public static ResearchReportInputValidator Instance { get; } = new();

    /// <inheritdoc />
    protected override string Workflow => WorkflowNames.ResearchReport;

    /// <inheritdoc />
    protected override IEnumerable<WorkflowInputError> Check(ResearchReportInput input) =>
    [
        .. NotBlank("$.topic", input.Topic, "the report's topic in a sentence"),
        .. Positive("$.approvalTimeout", input.ApprovalTimeout),
        .. input.ReminderAfter is { } reminder ? Positive("$.reminderAfter", reminder) : [],
        .. input.ReminderAfter >= input.ApprovalTimeout
            ? [new WorkflowInputError("$.reminderAfter", $"'reminderAfter' ({input.ReminderAfter}) must come before 'approvalTimeout' ({input.ApprovalTimeout}).")]
            : Array.Empty<WorkflowInputError>(),
    ];
}
