namespace Baton.Agents;

/// <summary>The tools a process knows, by name (case-insensitive). Built once at start-up; thread-safe to read.</summary>
public sealed class ToolCatalog
{
    private readonly Dictionary<string, AgentTool> _tools = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a catalog holding <paramref name="tools"/>; names must be unique.</summary>
    public ToolCatalog(IEnumerable<AgentTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools)
        {
            if (!_tools.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"A tool named '{tool.Name}' is registered twice. Give each tool a unique name.", nameof(tools));
            }
        }
    }

    /// <summary>Registered tool names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _tools.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The tool named <paramref name="name"/>; throws <see cref="ToolNotFoundException"/> when there is none.</summary>
    public AgentTool Get(string name) =>
        TryGet(name, out var tool) ? tool : throw new ToolNotFoundException(name, Names);

    /// <summary>Looks a tool up by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AgentTool? tool) =>
        _tools.TryGetValue(name ?? string.Empty, out tool);
}
