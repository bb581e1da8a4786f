namespace Baton.Workflows;

/// <summary>
/// The rules of a <see cref="DocumentSignoffInput"/>: its schema (title, brief and approvers required, approvers email
/// addresses, maxRounds 1 to 20) plus a title, brief, drafter and reviewer that are not blank and a positive sign-off
/// timeout. Used by the start path and by <see cref="DocumentSignoffOrchestrator"/>.
/// </summary>
public sealed class DocumentSignoffInputValidator : WorkflowInputValidator<DocumentSignoffInput>
{
    /// <summary>The one instance; the validator holds no state.</summary>
    public static DocumentSignoffInputValidator Instance { get; } = new();

    /// <inheritdoc />
    protected override string Workflow => WorkflowNames.DocumentSignoff;

    /// <inheritdoc />
    protected override IEnumerable<WorkflowInputError> Check(DocumentSignoffInput input) =>
    [
        .. NotBlank("$.title", input.Title, "the document's title"),
        .. NotBlank("$.brief", input.Brief, "what the document must say"),
        .. Positive("$.signOffTimeout", input.SignOffTimeout),
        .. NotBlank("$.drafter", input.Drafter, "an agent name, or leave it out for the default drafter"),
        .. NotBlank("$.reviewer", input.Reviewer, "an agent name, or leave it out for the default reviewer"),
    ];
}
