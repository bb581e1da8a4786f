namespace Baton.Workflows;

/// <summary>
/// Declarative workflows failed to load. <see cref="Errors"/> lists every problem found, each with file, line, column
/// and step; nothing of the folder was loaded.
/// </summary>
public sealed class DeclarativeWorkflowException(IReadOnlyList<DeclarativeWorkflowError> errors)
    : FormatException(
        $"{errors.Count} problem(s) in the workflow files; none was loaded. Fix each of these:{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    /// <summary>Every problem found, in file and line order.</summary>
    public IReadOnlyList<DeclarativeWorkflowError> Errors { get; } = errors;
}
