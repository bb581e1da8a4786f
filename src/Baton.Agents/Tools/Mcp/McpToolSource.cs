using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Baton.Agents;

/// <summary>
/// The tools of one MCP server, reached with the ModelContextProtocol client: a process started with
/// <see cref="McpServerSettings.Command"/> and spoken to over stdio, or an HTTP endpoint. It connects and lists the
/// tools on first use, keeps the session for later calls, and connects again when the session ended (the process
/// exited, the connection dropped). A call runs inside the InvokeTool activity like any tool; an error answer of the
/// server reaches the model as the tool's error result. Thread-safe; disposing it ends the server process.
/// </summary>
public sealed class McpToolSource : IToolSource, IAsyncDisposable
{
    /// <summary>The prefix of every MCP source name: tools are referred to as <c>mcp:{server}/{tool}</c>.</summary>
    public const string Prefix = "mcp:";

    private readonly McpServerSettings _settings;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private McpClient? _client;
    private IReadOnlyList<AgentTool>? _tools;

    /// <summary>Creates the source of server <paramref name="server"/>; nothing is started until a tool is needed.</summary>
    /// <exception cref="McpServerException">The settings cannot work; the message names the entry to fix.</exception>
    public McpToolSource(string server, McpServerSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(server);
        Server = server;
        _settings = settings;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<McpToolSource>();
    }

    /// <summary>The server's configured name.</summary>
    public string Server { get; }

    /// <inheritdoc />
    public string Name => Prefix + Server;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AgentTool>> GetToolsAsync(CancellationToken cancellationToken = default)
    {
        if (_tools is { } tools)
        {
            return tools;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_tools is null)
            {
                var client = await ConnectedAsync(cancellationToken);
                var listed = await client.ListToolsAsync(cancellationToken: cancellationToken);
                _tools = [.. listed.Select(t => ToAgentTool(t.ProtocolTool))];
                Log.McpToolsListed(_logger, Server, _tools.Count, string.Join(", ", _tools.Select(t => t.Name)));
            }

            return _tools;
        }
        catch (Exception e) when (e is not (OperationCanceledException or McpServerException))
        {
            throw Unreachable(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Calls tool <paramref name="tool"/> of the server; an error answer throws <see cref="ToolInputException"/>.</summary>
    public async Task<string> CallAsync(string tool, IReadOnlyDictionary<string, object?> arguments, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        ArgumentNullException.ThrowIfNull(arguments);
        McpClient client;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            client = await ConnectedAsync(cancellationToken);
        }
        catch (Exception e) when (e is not (OperationCanceledException or McpServerException))
        {
            throw Unreachable(e);
        }
        finally
        {
            _gate.Release();
        }

        var request = new CallToolRequestParams
        {
            Name = tool,
            Arguments = arguments.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value, AIJsonUtilities.DefaultOptions), StringComparer.Ordinal),
        };
        if (idempotencyKey is not null)
        {
            request.Meta = new JsonObject { ["idempotencyKey"] = idempotencyKey };
        }

        var result = await client.CallToolAsync(request, cancellationToken);
        var text = Text(result);
        if (result.IsError == true)
        {
            throw new ToolInputException($"MCP server '{Server}' answered tool '{tool}' with an error: {text}");
        }

        return text;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            await client.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<McpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { Completion.IsCompleted: false } live)
        {
            return live;
        }

        if (_client is { } ended)
        {
            // The session ended (the process exited, the connection dropped): start again rather than fail every call.
            Log.McpSessionEnded(_logger, Server);
            _client = null;
            await ended.DisposeAsync();
        }

        IClientTransport transport = _settings.Url is { } url
            ? new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url, Name = Server, AdditionalHeaders = _settings.Headers }, _loggerFactory)
            : new StdioClientTransport(
                new StdioClientTransportOptions
                {
                    Name = Server,
                    Command = _settings.Command!,
                    Arguments = [.. _settings.Arguments],
                    WorkingDirectory = _settings.WorkingDirectory,
                    EnvironmentVariables = new Dictionary<string, string?>(_settings.Environment),
                },
                _loggerFactory);
        _client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new Implementation { Name = "Baton", Version = "1.0" } }, _loggerFactory, cancellationToken);
        Log.McpServerConnected(_logger, Server, _client.ServerInfo?.Name ?? "(unnamed)", _client.ServerInfo?.Version ?? "?");
        return _client;
    }

    private McpServerException Unreachable(Exception e)
    {
        var how = _settings.Url is { } url ? $"at {url}" : $"started as '{_settings.Command} {string.Join(' ', _settings.Arguments)}'";
        return new McpServerException(Server,
            $"MCP server '{Server}' {how} could not be reached: {e.Message} Check Baton:Mcp:Servers:{Server} (Command, Arguments, WorkingDirectory or Url).", e);
    }

    private AgentTool ToAgentTool(Tool tool)
    {
        var approval = _settings.RequireApproval || _settings.ApprovalRequiredFor.Contains(tool.Name, StringComparer.OrdinalIgnoreCase);
        return new AgentTool(new McpToolFunction(this, tool), approval, _settings.SideEffecting) { Approvers = [.. _settings.Approvers] };
    }

    private static string Text(CallToolResult result)
    {
        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        if (texts.Count > 0)
        {
            return string.Join("\n", texts);
        }

        return result.StructuredContent is { } structured
            ? structured.ToString()
            : JsonSerializer.Serialize(result.Content, ModelContextProtocol.McpJsonUtilities.DefaultOptions);
    }

    /// <summary>One tool of the server, as the model sees it: its name, description and input schema.</summary>
    private sealed class McpToolFunction(McpToolSource source, Tool tool) : AIFunction
    {
        public override string Name => tool.Name;

        public override string Description => tool.Description ?? tool.Title ?? string.Empty;

        public override JsonElement JsonSchema => tool.InputSchema;

        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            string? key = null;
            if (arguments.Context is not null && arguments.Context.TryGetValue(ToolCallContext.ContextKey, out var value) && value is ToolCallContext context)
            {
                key = context.IdempotencyKey;
            }

            return await source.CallAsync(tool.Name, arguments.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), key, cancellationToken);
        }
    }
}
