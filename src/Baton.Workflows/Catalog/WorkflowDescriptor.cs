using System.Text.Json;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>One entry of the <see cref="WorkflowCatalog"/>: what a workflow is called, takes, returns and does.</summary>
/// <param name="Name">The name a run is started with.</param>
/// <param name="InputType">The type the input must deserialize to.</param>
/// <param name="OutputType">The type of the output of a completed run.</param>
/// <param name="Description">A sentence for people: dashboards, start pages, listings.</param>
public sealed record WorkflowDescriptor(string Name, Type InputType, Type OutputType, string Description)
{
    /// <summary>True for a declarative (YAML) workflow, which runs on the <see cref="WorkflowNames.Declarative"/> orchestrator.</summary>
    public bool IsDeclarative { get; init; }

    /// <summary>
    /// For a declarative workflow, the version of its file that a run started now is pinned to
    /// (<see cref="DeclarativeWorkflowInput.Version"/>); null for C# workflows.
    /// </summary>
    public string? DeclarativeVersion { get; init; }

    /// <summary>
    /// The JSON Schema the input must fit, checked before a run is scheduled and listed by the catalog API; when null,
    /// the schema generated from <see cref="InputType"/> (see <see cref="WorkflowInputSchema.For"/>). A declarative
    /// workflow's comes from its file's <c>inputs:</c>.
    /// </summary>
    public JsonElement? InputSchema { get; init; }

    /// <summary>
    /// The workflow's own input rules beyond its schema, run on the typed input before a run is scheduled; the
    /// workflow's orchestrator should run the same validator on its input. None when null.
    /// </summary>
    public IWorkflowInputValidator? InputValidator { get; init; }

    /// <summary>The input's JSON Schema: <see cref="InputSchema"/>, else the one generated from <see cref="InputType"/>.</summary>
    public JsonElement GetInputSchema() => InputSchema ?? WorkflowInputSchema.For(InputType);

    /// <summary>The orchestrator a run of this workflow is scheduled on.</summary>
    public string Orchestrator => IsDeclarative ? WorkflowNames.Declarative : Name;

    /// <summary>
    /// What to schedule for a run with <paramref name="input"/> (of <see cref="InputType"/>): the workflow's own
    /// orchestrator and input, or for a declarative workflow the generic one with a <see cref="DeclarativeWorkflowInput"/>
    /// pinned to <see cref="DeclarativeVersion"/>.
    /// </summary>
    public WorkflowStart Start(object? input) =>
        IsDeclarative ? new(WorkflowNames.Declarative, new DeclarativeWorkflowInput(Name, ToElement(input), DeclarativeVersion)) : new(Name, input);

    private static JsonElement? ToElement(object? input) => input switch
    {
        null => null,
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(input, JsonDataConverter.Default.Options),
    };
}
