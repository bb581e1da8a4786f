namespace Baton.Workflows;

/// <summary>
/// The rules of a <see cref="HierarchicalInput"/>: its schema (task required, maxSubTasks 1 to 20, chatRounds 1 to 50,
/// approvers email addresses, reviewers and chat participants at least one when given) plus a task that is not blank
/// and no blank agent names. Used by the start path and by <see cref="HierarchicalOrchestrator"/>.
/// </summary>
public sealed class HierarchicalInputValidator : WorkflowInputValidator<HierarchicalInput>
{
    /// <summary>The one instance; the validator holds no state.</summary>
    public static HierarchicalInputValidator Instance { get; } = new();

    /// <inheritdoc />
    protected override string Workflow => WorkflowNames.Hierarchical;

    /// <inheritdoc />
    protected override IEnumerable<WorkflowInputError> Check(HierarchicalInput input) =>
    [
        .. NotBlank("$.task", input.Task, "the task for the lead in plain words"),
        .. NoBlankItems("$.reviewers", input.Reviewers),
        .. NoBlankItems("$.chatParticipants", input.ChatParticipants),
    ];
}
