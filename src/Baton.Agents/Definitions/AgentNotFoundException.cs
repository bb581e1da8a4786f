namespace Baton.Agents;

/// <summary>An agent name that no definition in the <see cref="AgentCatalog"/> has.</summary>
public sealed class AgentNotFoundException(string name, IReadOnlyList<string> registered)
    : KeyNotFoundException(
        $"Agent '{name}' is not registered. Registered agents: {(registered.Count == 0 ? "(none)" : string.Join(", ", registered))}. " +
        $"Register it with services.AddBaton(b => b.AddAgent(new AgentDefinition(\"{name}\", instructions))).")
{
    /// <summary>The unknown name.</summary>
    public string AgentName { get; } = name;
}
