namespace Baton.Agents;

/// <summary>
/// Tools that are known only once something outside the process answers, such as an MCP server's. Agents refer to a
/// source's tools as <c>{source}/{tool}</c> or <c>{source}/*</c> (e.g. <c>mcp:files/*</c>), or by the tool's own name.
/// Implementations are thread-safe and cache what they found.
/// </summary>
public interface IToolSource
{
    /// <summary>The source's name as agents refer to it, such as <c>mcp:files</c>.</summary>
    string Name { get; }

    /// <summary>The source's tools; connects on first use. Throws when the source cannot be reached.</summary>
    ValueTask<IReadOnlyList<AgentTool>> GetToolsAsync(CancellationToken cancellationToken = default);
}
