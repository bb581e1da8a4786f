namespace Baton.Workflows;

/// <summary>What one <see cref="DeclarativeWorkflowCatalog.Reload"/> changed.</summary>
/// <param name="Added">Workflows that are new.</param>
/// <param name="Changed">Workflows whose file changed (new runs use the new version; runs in flight keep theirs).</param>
/// <param name="Removed">Workflows no longer in the folder (runs in flight still finish).</param>
/// <param name="Problems">Every problem found, with file, line and column; those files kept their last good version.</param>
public sealed record DeclarativeWorkflowReload(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Removed,
    IReadOnlyList<DeclarativeWorkflowError> Problems);
