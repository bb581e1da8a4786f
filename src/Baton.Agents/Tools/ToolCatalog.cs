namespace Baton.Agents;

/// <summary>
/// The tools a process knows, by name (case-insensitive): those registered in code, and those of the
/// <see cref="IToolSource"/>s (MCP servers), listed when first needed. Built once at start-up; thread-safe to read.
/// </summary>
public sealed class ToolCatalog
{
    private readonly Dictionary<string, AgentTool> _tools = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IToolSource> _sources = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a catalog holding <paramref name="tools"/> and the tools of <paramref name="sources"/>; names must be unique.</summary>
    public ToolCatalog(IEnumerable<AgentTool> tools, IEnumerable<IToolSource>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools)
        {
            if (!_tools.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"A tool named '{tool.Name}' is registered twice. Give each tool a unique name.", nameof(tools));
            }
        }

        foreach (var source in sources ?? [])
        {
            if (!_sources.TryAdd(source.Name, source))
            {
                throw new ArgumentException($"A tool source named '{source.Name}' is registered twice. Give each MCP server a unique name.", nameof(sources));
            }
        }
    }

    /// <summary>Names of the tools registered in code, sorted (the sources' tools are not listed until asked for).</summary>
    public IReadOnlyList<string> Names => [.. _tools.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Names of the tool sources, sorted (e.g. <c>mcp:files</c>).</summary>
    public IReadOnlyList<string> SourceNames => [.. _sources.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The tool registered in code as <paramref name="name"/>; throws <see cref="ToolNotFoundException"/> when there is none.</summary>
    public AgentTool Get(string name) =>
        TryGet(name, out var tool) ? tool : throw new ToolNotFoundException(name, Names);

    /// <summary>Looks a tool registered in code up by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AgentTool? tool) =>
        _tools.TryGetValue(name ?? string.Empty, out tool);

    /// <summary>
    /// The tools an agent lists (<see cref="AgentDefinition.Tools"/>): a tool name, <c>{source}/{tool}</c> or
    /// <c>{source}/*</c> for every tool of a source, in order, each once.
    /// </summary>
    /// <exception cref="ToolNotFoundException">A reference names no tool or no source; the message says what to register.</exception>
    public async ValueTask<IReadOnlyList<AgentTool>> ResolveAsync(IEnumerable<string> references, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(references);
        var resolved = new List<AgentTool>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in references)
        {
            foreach (var tool in await ResolveOneAsync(reference, cancellationToken))
            {
                if (seen.Add(tool.Name))
                {
                    resolved.Add(tool);
                }
            }
        }

        return resolved;
    }

    /// <summary>The tool named <paramref name="name"/>: registered in code, else the first source that has it; null when none does.</summary>
    public async ValueTask<AgentTool?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        if (TryGet(name, out var tool))
        {
            return tool;
        }

        foreach (var source in _sources.Values)
        {
            if ((await source.GetToolsAsync(cancellationToken)).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private async ValueTask<IReadOnlyList<AgentTool>> ResolveOneAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var slash = reference.LastIndexOf('/');
        if (slash > 0 && _sources.TryGetValue(reference[..slash], out var source))
        {
            var tools = await source.GetToolsAsync(cancellationToken);
            var name = reference[(slash + 1)..];
            if (name == "*")
            {
                return tools;
            }

            return tools.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } tool
                ? [tool]
                : throw new ToolNotFoundException(reference, [.. tools.Select(t => $"{source.Name}/{t.Name}")]);
        }

        if (slash > 0 && reference.Contains(':', StringComparison.Ordinal))
        {
            throw new ToolNotFoundException(reference, SourceNames, isSource: true);
        }

        return await FindAsync(reference, cancellationToken) is { } found ? [found] : throw new ToolNotFoundException(reference, Names);
    }
}
