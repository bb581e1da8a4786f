namespace Baton.Agents;

/// <summary>A tool name (or tool source) that no tool in the <see cref="ToolCatalog"/> has; the message says what to register.</summary>
public sealed class ToolNotFoundException : KeyNotFoundException
{
    /// <summary>A tool name that is not registered; <paramref name="registered"/> lists those that are.</summary>
    public ToolNotFoundException(string name, IReadOnlyList<string> registered)
        : this(name, registered, isSource: false)
    {
    }

    /// <summary>A tool, or with <paramref name="isSource"/> a tool source (<c>mcp:{server}/...</c>), that is not registered.</summary>
    public ToolNotFoundException(string name, IReadOnlyList<string> registered, bool isSource)
        : base(isSource ? SourceMessage(name, registered) : ToolMessage(name, registered)) => ToolName = name;

    /// <summary>The unknown name.</summary>
    public string ToolName { get; }

    private static string ToolMessage(string name, IReadOnlyList<string> registered) =>
        $"Tool '{name}' is not registered. Registered tools: {List(registered)}. Register it with " +
        $"services.AddBaton(b => b.AddTool(...)) or b.AddToolsFrom<YourTools>() (methods marked [Tool(\"{name}\")]), or name an MCP server's tool as mcp:{{server}}/{name}.";

    private static string SourceMessage(string name, IReadOnlyList<string> registered)
    {
        var source = name[..name.LastIndexOf('/')];
        var server = source.StartsWith("mcp:", StringComparison.OrdinalIgnoreCase) ? source[4..] : source;
        return $"Tool source '{source}' (in '{name}') is not configured. Configured sources: {List(registered)}. Configure the MCP server " +
               $"under Baton:Mcp:Servers:{server} (Command and Arguments, or Url), or with services.AddBaton(b => b.AddMcpServer(\"{server}\", ...)).";
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "(none)" : string.Join(", ", names);
}
