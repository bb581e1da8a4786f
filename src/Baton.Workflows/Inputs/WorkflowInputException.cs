namespace Baton.Workflows;

/// <summary>
/// A workflow input that breaks the workflow's input rules (its JSON Schema and its validator). Thrown by an
/// orchestrator that is started with such an input from code; a start over HTTP is answered 400 with the same
/// <see cref="Errors"/> before anything is scheduled. The message names every field at fault and carries no parameter
/// name, so it can be shown as it is.
/// </summary>
public sealed class WorkflowInputException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="workflow"/>'s input with its <paramref name="errors"/> (at least one).</summary>
    public WorkflowInputException(string workflow, IReadOnlyList<WorkflowInputError> errors)
        : base(Describe(workflow, errors))
    {
        WorkflowName = workflow;
        Errors = errors;
    }

    /// <summary>The workflow whose input this is.</summary>
    public string WorkflowName { get; }

    /// <summary>Every problem found, in the order found.</summary>
    public IReadOnlyList<WorkflowInputError> Errors { get; }

    /// <summary>One sentence for people naming each field at fault: "The research-report input is not valid: approvers[1]: ..."</summary>
    public static string Describe(string workflow, IReadOnlyList<WorkflowInputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return $"The {workflow} input is not valid: {string.Join(" ", errors.Select(e => e.ToString()))}";
    }
}
