using Baton.Agents;

namespace Baton.Workflows;

/// <summary>
/// An agent a workflow file defines under <c>agents:</c>, as loaded: its definition (with the output schema as JSON, no
/// type) and where it is written. Its steps run it with the definition sent in each call, so any host runs it.
/// </summary>
internal sealed record AgentDeclaration(AgentDefinition Definition, SourcePosition Position)
{
    /// <summary>Where each field of the agent is written, by field name.</summary>
    public IReadOnlyDictionary<string, SourcePosition> Fields { get; init; } = new Dictionary<string, SourcePosition>();

    public string Name => Definition.Name;

    /// <summary>Where <paramref name="field"/> is written; the agent's own position when it is not.</summary>
    public SourcePosition PositionOf(string field) => Fields.TryGetValue(field, out var position) ? position : Position;
}
