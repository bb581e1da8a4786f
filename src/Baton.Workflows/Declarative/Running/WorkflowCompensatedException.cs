namespace Baton.Workflows;

/// <summary>
/// A declarative workflow failed at a step after earlier steps had completed, and the compensations of those steps
/// ran in reverse order (saga). The message and <see cref="Undone"/> say what was undone; <see cref="NotUndone"/>
/// lists compensations that failed themselves and need a person.
/// </summary>
public sealed class WorkflowCompensatedException(string workflow, string failedStep, string reason, IReadOnlyList<string> undone, IReadOnlyList<string> notUndone)
    : InvalidOperationException(
        $"Workflow '{workflow}' failed at step '{failedStep}': {reason} " +
        $"Undone, in this order: {(undone.Count == 0 ? "(nothing)" : string.Join(", ", undone))}." +
        (notUndone.Count == 0 ? string.Empty : $" Could not undo (fix by hand): {string.Join("; ", notUndone)}."))
{
    /// <summary>The step that failed.</summary>
    public string FailedStep { get; } = failedStep;

    /// <summary>The completed steps whose compensation ran, in the order they were undone (the reverse of completion).</summary>
    public IReadOnlyList<string> Undone { get; } = undone;

    /// <summary>The steps whose compensation failed, each with its error.</summary>
    public IReadOnlyList<string> NotUndone { get; } = notUndone;
}
