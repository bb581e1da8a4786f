namespace Baton.Workflows;

/// <summary>A workflow name that no entry in the <see cref="WorkflowCatalog"/> has.</summary>
public sealed class WorkflowNotFoundException(string name, IReadOnlyList<string> known)
    : KeyNotFoundException(
        $"Workflow '{name}' is not in the catalog. Known workflows: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}. " +
        "Start one of those, or register yours with services.AddBatonWorkflows().")
{
    /// <summary>The unknown name.</summary>
    public string WorkflowName { get; } = name;
}
