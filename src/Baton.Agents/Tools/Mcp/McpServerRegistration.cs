namespace Baton.Agents;

/// <summary>An MCP server added in code with <c>AddMcpServer</c>; wins over a configured server of the same name.</summary>
/// <param name="Name">The server's name: agents refer to its tools as <c>mcp:{Name}/{tool}</c> or <c>mcp:{Name}/*</c>.</param>
/// <param name="Settings">How to reach it.</param>
public sealed record McpServerRegistration(string Name, McpServerSettings Settings);
