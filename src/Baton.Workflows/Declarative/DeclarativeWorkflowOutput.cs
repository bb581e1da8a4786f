using System.Text.Json;
using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The output of a declarative workflow run.</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Output">The file's <c>output</c> fields evaluated at the end; every step's output, by name, when it has none.</param>
/// <param name="Steps">The names of the steps that ran, in the order they finished.</param>
/// <param name="Spend">Tokens and estimated cost of the agent steps.</param>
public sealed record DeclarativeWorkflowOutput(string Workflow, JsonElement Output, IReadOnlyList<string> Steps, RunSpend Spend);
