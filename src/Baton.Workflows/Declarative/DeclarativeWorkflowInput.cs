using System.Text.Json;

namespace Baton.Workflows;

/// <summary>The input of the generic <see cref="WorkflowNames.Declarative"/> orchestration.</summary>
/// <param name="Workflow">The declarative workflow's name, as in its file.</param>
/// <param name="Input">The workflow's own input, read by its steps as <c>input.*</c>.</param>
public sealed record DeclarativeWorkflowInput(string Workflow, JsonElement? Input = null);
