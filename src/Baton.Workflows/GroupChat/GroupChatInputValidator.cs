namespace Baton.Workflows;

/// <summary>
/// The rules of a <see cref="GroupChatInput"/>: its schema (topic and at least two participants required, maxRounds 1 to
/// 1000, roundsPerExecution 1 to 100, a positive maxTokens, speakerSelection one of the modes) plus a topic and
/// participant names that are not blank, and a selector named for a custom selection. Used by the start path and by
/// <see cref="GroupChatOrchestrator"/>, which also checks that a custom selector is registered.
/// </summary>
public sealed class GroupChatInputValidator : WorkflowInputValidator<GroupChatInput>
{
    /// <summary>The one instance; the validator holds no state.</summary>
    public static GroupChatInputValidator Instance { get; } = new();

    /// <inheritdoc />
    protected override string Workflow => WorkflowNames.GroupChat;

    /// <inheritdoc />
    protected override IEnumerable<WorkflowInputError> Check(GroupChatInput input) =>
    [
        .. NotBlank("$.topic", input.Topic, "what the participants discuss"),
        .. NoBlankItems("$.participants", input.Participants),
        .. input.SpeakerSelection == SpeakerSelection.Custom && string.IsNullOrWhiteSpace(input.Selector)
            ? [new WorkflowInputError("$.selector", "'selector' is empty; a custom speakerSelection needs the registered selector's name.")]
            : Array.Empty<WorkflowInputError>(),
    ];
}
