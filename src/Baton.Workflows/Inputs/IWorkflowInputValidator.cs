namespace Baton.Workflows;

/// <summary>
/// A workflow's own input rules, beyond what its JSON Schema says (non-blank text, rules across fields). The start path
/// runs them before a run is scheduled and the workflow's orchestrator runs the same ones on its input, so an input is
/// judged the same way however the run was started. Implementations are pure, deterministic and thread-safe.
/// </summary>
public interface IWorkflowInputValidator
{
    /// <summary>The input type this validator judges.</summary>
    Type InputType { get; }

    /// <summary>Every problem with <paramref name="input"/> (of <see cref="InputType"/>); empty when it is valid.</summary>
    IReadOnlyList<WorkflowInputError> Validate(object? input);
}
