using System.Text.Json;

namespace Baton.Workflows;

/// <summary>
/// The declarative workflows of one folder, all loaded and validated together: either every file loaded or none did
/// (see <see cref="DeclarativeWorkflowLoader"/>). Immutable; thread-safe to read.
/// </summary>
public sealed class DeclarativeWorkflowCatalog
{
    private readonly Dictionary<string, WorkflowDefinition> _workflows;

    internal DeclarativeWorkflowCatalog(IEnumerable<WorkflowDefinition> workflows)
    {
        _workflows = workflows.ToDictionary(w => w.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An empty catalog.</summary>
    public static DeclarativeWorkflowCatalog Empty { get; } = new([]);

    /// <summary>Workflow names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _workflows.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// One <see cref="WorkflowCatalog"/> entry per workflow: started by its name, with a JSON object that fits the
    /// file's declared inputs (any object when it declares none) as input, and run on the <see cref="WorkflowNames.Declarative"/> orchestrator (see <see cref="WorkflowDescriptor.Start"/>).
    /// </summary>
    public IReadOnlyList<WorkflowDescriptor> Descriptors =>
    [
        .. _workflows.Values.OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase).Select(w => new WorkflowDescriptor(
            w.Name,
            typeof(JsonElement),
            typeof(DeclarativeWorkflowOutput),
            string.IsNullOrWhiteSpace(w.Description) ? $"Declarative workflow from {Path.GetFileName(w.File)}." : w.Description.Trim())
        {
            IsDeclarative = true,
            InputSchema = w.InputSchema ?? WorkflowInputSchema.AnyObject,
        }),
    ];

    /// <summary>True when a workflow of that name (case-insensitive) was loaded.</summary>
    public bool Contains(string name) => _workflows.ContainsKey(name ?? string.Empty);

    internal WorkflowDefinition Get(string name) =>
        _workflows.TryGetValue(name ?? string.Empty, out var workflow)
            ? workflow
            : throw new WorkflowNotFoundException(name ?? "(null)", Names);
}
