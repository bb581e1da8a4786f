namespace Baton.Workflows;

/// <summary>One problem found while loading declarative workflows, with where it is written.</summary>
/// <param name="File">The file's path.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Workflow">The workflow's name, when known.</param>
/// <param name="Step">The step's name, when the problem is in a step.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record DeclarativeWorkflowError(string File, int Line, int Column, string? Workflow, string? Step, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}({Line},{Column}){(Workflow is null ? string.Empty : $" workflow '{Workflow}'")}{(Step is null ? string.Empty : $" step '{Step}'")}: {Message}";
}
