namespace Baton.Agents;

/// <summary>A tool name that no tool in the <see cref="ToolCatalog"/> has.</summary>
public sealed class ToolNotFoundException(string name, IReadOnlyList<string> registered)
    : KeyNotFoundException(
        $"Tool '{name}' is not registered. Registered tools: {(registered.Count == 0 ? "(none)" : string.Join(", ", registered))}. " +
        "Register it with services.AddBatonAgents(agents => agents.AddTool(...)).")
{
    /// <summary>The unknown name.</summary>
    public string ToolName { get; } = name;
}
