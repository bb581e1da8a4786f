namespace Baton.Agents;

/// <summary>
/// The agents a process knows, by name (case-insensitive). Built once at start-up; thread-safe to read.
/// </summary>
public sealed class AgentCatalog
{
    private readonly Dictionary<string, AgentDefinition> _agents = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a catalog holding <paramref name="agents"/>; names must be unique.</summary>
    public AgentCatalog(IEnumerable<AgentDefinition> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        foreach (var agent in agents)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(agent.Name);
            if (!_agents.TryAdd(agent.Name, agent))
            {
                throw new ArgumentException($"An agent named '{agent.Name}' is registered twice. Give each agent a unique name.", nameof(agents));
            }
        }
    }

    /// <summary>Registered agent names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _agents.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>All definitions, sorted by name.</summary>
    public IReadOnlyList<AgentDefinition> Agents => [.. _agents.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The agent named <paramref name="name"/>; throws <see cref="AgentNotFoundException"/> when there is none.</summary>
    public AgentDefinition Get(string name) =>
        TryGet(name, out var agent) ? agent : throw new AgentNotFoundException(name, Names);

    /// <summary>Looks an agent up by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AgentDefinition? agent) =>
        _agents.TryGetValue(name ?? string.Empty, out agent);
}
