namespace Baton.Agents;

/// <summary>
/// How to reach one MCP server and how carefully to run its tools; bound from <c>Baton:Mcp:Servers:{name}</c> or given
/// to <c>AddMcpServer</c>. Set either <see cref="Command"/> (a process spoken to over stdio) or <see cref="Url"/>
/// (Streamable HTTP, falling back to SSE).
/// </summary>
public sealed class McpServerSettings
{
    /// <summary>The program to start (e.g. <c>npx</c>, <c>dotnet</c>, <c>uvx</c>); the server is spoken to over its stdin/stdout.</summary>
    public string? Command { get; set; }

    /// <summary>The program's arguments.</summary>
    public IList<string> Arguments { get; init; } = [];

    /// <summary>The program's working directory; the process's own when null.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Environment variables set for the program (on top of the process's own).</summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>The server's HTTP endpoint, for a server that runs on its own.</summary>
    public Uri? Url { get; set; }

    /// <summary>Headers sent with every HTTP request (e.g. <c>Authorization</c>).</summary>
    public IDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>When true, every tool of the server runs only after a person approved that exact call.</summary>
    public bool RequireApproval { get; set; }

    /// <summary>Tools of the server that need approval even when <see cref="RequireApproval"/> is false.</summary>
    public IList<string> ApprovalRequiredFor { get; init; } = [];

    /// <summary>Who may approve the server's gated calls; empty for the approvers of the agent run.</summary>
    public IList<string> Approvers { get; init; } = [];

    /// <summary>
    /// When true, the server's tools change the world. Tool activities run at least once; the call's idempotency key is
    /// sent as the request's <c>_meta.idempotencyKey</c> for servers that honour it.
    /// </summary>
    public bool SideEffecting { get; set; }

    /// <summary>Throws when the settings of <paramref name="name"/> cannot work; the message names the entry to fix.</summary>
    public void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var section = $"Baton:Mcp:Servers:{name}";
        if (string.IsNullOrWhiteSpace(Command) == (Url is null))
        {
            throw new McpServerException(name,
                $"MCP server '{name}' needs exactly one of {section}:Command (a program spoken to over stdio, with {section}:Arguments) " +
                $"or {section}:Url (an HTTP endpoint); it has {(Url is null ? "neither" : "both")}.");
        }

        if (Url is { IsAbsoluteUri: false } || Url is { Scheme: not ("http" or "https") })
        {
            throw new McpServerException(name, $"Set {section}:Url to an absolute http or https URL, not '{Url}'.");
        }
    }
}
