namespace Baton.Workflows;

/// <summary>
/// A run pinned to a version of a workflow file that this process never loaded: the file changed before this process
/// started, and the version the run began with is gone.
/// </summary>
public sealed class DeclarativeWorkflowVersionNotFoundException(string workflow, string version, string? current)
    : KeyNotFoundException(
        $"Workflow '{workflow}' version {version} is not loaded in this process (current version: {current ?? "none, the file is gone"}). " +
        "The run started with a version of the file that changed before this process started. Restore that version of the file to let the run finish, " +
        "or terminate the run and start it again.")
{
    /// <summary>The workflow's name.</summary>
    public string Workflow { get; } = workflow;

    /// <summary>The version the run is pinned to.</summary>
    public string Version { get; } = version;
}
