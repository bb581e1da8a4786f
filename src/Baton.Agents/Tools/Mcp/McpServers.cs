using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Baton.Agents;

/// <summary>
/// The MCP servers of the process: those under <c>Baton:Mcp:Servers</c> in configuration and those added in code
/// (which win over a configured one of the same name), each a <see cref="McpToolSource"/> of the
/// <see cref="ToolCatalog"/>. Disposing it ends the servers' processes.
/// </summary>
public sealed class McpServers : IAsyncDisposable, IDisposable
{
    /// <summary>The configuration section the servers are read from.</summary>
    public const string SectionName = "Baton:Mcp:Servers";

    /// <summary>Reads and validates the servers; nothing is started until a tool is needed.</summary>
    /// <exception cref="McpServerException">A server's settings cannot work; the message names the entry.</exception>
    public McpServers(IConfiguration? configuration, IEnumerable<McpServerRegistration> registrations, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        var servers = new Dictionary<string, McpServerSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration?.GetSection(SectionName).GetChildren() ?? [])
        {
            var settings = new McpServerSettings();
            section.Bind(settings);
            servers[section.Key] = settings;
        }

        foreach (var registration in registrations)
        {
            servers[registration.Name] = registration.Settings;
        }

        Sources = [.. servers.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => new McpToolSource(s.Key, s.Value, loggerFactory))];
    }

    /// <summary>One tool source per server, sorted by name.</summary>
    public IReadOnlyList<McpToolSource> Sources { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var source in Sources)
        {
            await source.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
