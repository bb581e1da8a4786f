namespace Baton.Workflows;

/// <summary>A workflow name that no entry in the <see cref="WorkflowCatalog"/> has.</summary>
public sealed class WorkflowNotFoundException(string name, IReadOnlyList<string> known)
    : KeyNotFoundException(
        $"Workflow '{name}' is not in the catalog. Known workflows: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}. " +
        $"Start one of those, or register yours: a C# orchestrator marked [DurableTask(\"{name}\")] with " +
        "services.AddBaton(b => b.AddWorkflow<YourOrchestrator>()) (or b.AddWorkflowsFrom(assembly), or its assembly in Baton:Host:Assemblies), " +
        $"or a YAML file with name: {name} in the workflows folder.")
{
    /// <summary>The unknown name.</summary>
    public string WorkflowName { get; } = name;
}
