using Baton.Durable;

namespace Baton.Workflows.Hosting;

/// <summary>
/// The names a host must expose as orchestrator and activity functions so that every registered workflow can run there:
/// one orchestrator function per catalog workflow and one activity function per registered activity.
/// </summary>
public static class FunctionNames
{
    /// <summary>
    /// The orchestrator names registered by <see cref="WorkflowRegistryExtensions.AddBatonWorkflows"/>: every workflow in
    /// <see cref="WorkflowCatalog.BuiltIn"/> and the runner of declarative workflows.
    /// </summary>
    public static IReadOnlyList<string> Orchestrators => new DurableTaskRegistry().AddBatonWorkflows().OrchestratorNames;

    /// <summary>The activity names registered by <see cref="WorkflowRegistryExtensions.AddBatonWorkflows"/>.</summary>
    public static IReadOnlyList<string> Activities => new DurableTaskRegistry().AddBatonWorkflows().ActivityNames;
}
