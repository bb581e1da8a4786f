namespace Baton.Workflows;

/// <summary>
/// The rules of a <see cref="SupportTriageInput"/>: its schema (customer, subject, message and approvers required,
/// approvers email addresses, minimumConfidence 0 to 1, urgency one of the levels) plus a message that is not blank and
/// a positive ticket approval timeout. Used by the start path and by <see cref="SupportTriageOrchestrator"/>.
/// </summary>
public sealed class SupportTriageInputValidator : WorkflowInputValidator<SupportTriageInput>
{
    /// <summary>The one instance; the validator holds no state.</summary>
    public static SupportTriageInputValidator Instance { get; } = new();

    /// <inheritdoc />
    protected override string Workflow => WorkflowNames.SupportTriage;

    /// <inheritdoc />
    protected override IEnumerable<WorkflowInputError> Check(SupportTriageInput input) =>
    [
        .. NotBlank("$.message", input.Message, "the request's text"),
        .. Positive("$.ticketApprovalTimeout", input.TicketApprovalTimeout),
    ];
}
