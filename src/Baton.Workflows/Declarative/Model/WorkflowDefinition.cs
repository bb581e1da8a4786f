using Baton.Agents;

namespace Baton.Workflows;

/// <summary>A declarative workflow as loaded and validated from one file. Immutable once loaded.</summary>
internal sealed class WorkflowDefinition
{
    public required string Name { get; init; }

    public required string File { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>The JSON Schema of the input object from the file's <c>inputs:</c> (or older <c>input:</c>); null when it declares none.</summary>
    public System.Text.Json.JsonElement? InputSchema { get; init; }

    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    /// <summary>The agents the file defines under <c>agents:</c>, in file order.</summary>
    public IReadOnlyList<AgentDeclaration> Agents { get; init; } = [];

    /// <summary>
    /// The version of the file this definition was read from: a hash of its text. A run pins the version it started
    /// with (<see cref="DeclarativeWorkflowInput.Version"/>), so that a changed file never changes a run in flight.
    /// </summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The file's text as loaded (what <see cref="Version"/> hashes).</summary>
    public string? Text { get; init; }

    /// <summary>Steps that undo others, run only as compensations, by name.</summary>
    public IReadOnlyDictionary<string, StepDefinition> Compensations { get; init; } = new Dictionary<string, StepDefinition>();

    /// <summary>The output's fields; every step's output, by name, when null.</summary>
    public Template? Output { get; init; }

    /// <summary>Where <c>output</c> is written; the file's start when it is not.</summary>
    public SourcePosition? OutputPosition { get; init; }

    /// <summary>The agent this file defines under that name (case-insensitive), if any.</summary>
    public AgentDefinition? Agent(string name) =>
        Agents.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))?.Definition;

    /// <summary>Every step, nested ones included, in file order.</summary>
    public IEnumerable<StepDefinition> AllSteps => Flatten(Steps);

    private static IEnumerable<StepDefinition> Flatten(IEnumerable<StepDefinition> steps) =>
        steps.SelectMany(s => new[] { s }.Concat(Flatten(s.Children)));
}
