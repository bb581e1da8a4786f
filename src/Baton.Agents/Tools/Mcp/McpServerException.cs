namespace Baton.Agents;

/// <summary>An MCP server that is misconfigured or cannot be reached; the message names the server and what to check.</summary>
public sealed class McpServerException : InvalidOperationException
{
    /// <summary>Creates the exception for server <paramref name="server"/>.</summary>
    public McpServerException(string server, string message, Exception? inner = null)
        : base(message, inner) => Server = server;

    /// <summary>The server's configured name.</summary>
    public string Server { get; }
}
