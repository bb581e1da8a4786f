using System.Text.Json;

namespace Baton.Workflows;

/// <summary>The input of the generic <see cref="WorkflowNames.Declarative"/> orchestration.</summary>
/// <param name="Workflow">The declarative workflow's name, as in its file.</param>
/// <param name="Input">The workflow's own input, read by its steps as <c>input.*</c>.</param>
/// <param name="Version">
/// The version of the workflow's file the run is pinned to (<see cref="WorkflowDescriptor.DeclarativeVersion"/>, set by
/// every start): the run replays that definition even after the file changed. Null runs the current version.
/// </param>
public sealed record DeclarativeWorkflowInput(string Workflow, JsonElement? Input = null, string? Version = null);
