using Azure.Storage.Blobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Baton.Agents;

/// <summary>Adds agents, tools and chat clients to a service collection; returned by <c>services.AddBatonAgents(...)</c>.</summary>
public sealed class AgentsBuilder
{
    internal AgentsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds an agent.</summary>
    public AgentsBuilder AddAgent(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Services.AddSingleton(agent);
        return this;
    }

    /// <summary>Adds a tool.</summary>
    public AgentsBuilder AddTool(AgentTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        Services.AddSingleton(tool);
        return this;
    }

    /// <summary>Adds a tool made from a function.</summary>
    public AgentsBuilder AddTool(AIFunction function, bool requiresApproval = false, bool sideEffecting = false) =>
        AddTool(new AgentTool(function, requiresApproval, sideEffecting));

    /// <summary>
    /// Adds a tool for each public method of <typeparamref name="TTools"/> marked <see cref="ToolAttribute"/> (see
    /// <see cref="MethodTools"/>); an instance method runs on a new <typeparamref name="TTools"/> made from the services
    /// for each call, so its constructor may take registered services.
    /// </summary>
    public AgentsBuilder AddToolsFrom<TTools>() where TTools : class => AddToolsFrom(typeof(TTools));

    /// <summary>Adds a tool for each public method of <paramref name="toolType"/> marked <see cref="ToolAttribute"/>; see <see cref="AddToolsFrom{TTools}()"/>.</summary>
    public AgentsBuilder AddToolsFrom(Type toolType)
    {
        foreach (var tool in MethodTools.From(toolType))
        {
            AddTool(tool);
        }

        return this;
    }

    /// <summary>Adds a tool for each public method of <paramref name="instance"/>'s class marked <see cref="ToolAttribute"/>, run on that instance.</summary>
    public AgentsBuilder AddToolsFrom(object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var tool in MethodTools.From(instance.GetType(), instance))
        {
            AddTool(tool);
        }

        return this;
    }

    /// <summary>
    /// Adds the MCP server <paramref name="name"/>: agents list its tools as <c>mcp:{name}/*</c>, <c>mcp:{name}/{tool}</c>
    /// or by the tool's name. Wins over <c>Baton:Mcp:Servers:{name}</c> in configuration. Each call is a tool activity.
    /// </summary>
    public AgentsBuilder AddMcpServer(string name, McpServerSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(name);
        Services.AddSingleton(new McpServerRegistration(name, settings));
        return this;
    }

    /// <summary>Adds tools made from the service provider (for tools with dependencies).</summary>
    public AgentsBuilder AddTools(Func<IServiceProvider, IEnumerable<AgentTool>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddSingleton(new ToolFactoryRegistration(factory));
        return this;
    }

    /// <summary>Uses <paramref name="factory"/>'s client for <paramref name="modelKey"/> instead of configuration.</summary>
    public AgentsBuilder UseChatClient(string modelKey, Func<IServiceProvider, IChatClient> factory, string? modelName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelKey);
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddSingleton(new ChatClientRegistration(modelKey, modelName ?? modelKey, factory));
        return this;
    }

    /// <summary>
    /// Records every model call of every model key to <paramref name="directory"/> (see <see cref="RecordingChatClient"/>),
    /// to be replayed later with <see cref="ReplayModelCalls"/>. Wins over <c>Baton:Recording</c>.
    /// </summary>
    public AgentsBuilder RecordModelCalls(string directory) => Recording(ChatRecordingMode.Record, directory);

    /// <summary>
    /// Answers every model call from the recordings in <paramref name="directory"/> and never calls a model; a request
    /// that was not recorded fails with <see cref="RecordedResponseNotFoundException"/>. Wins over <c>Baton:Recording</c>.
    /// </summary>
    public AgentsBuilder ReplayModelCalls(string directory) => Recording(ChatRecordingMode.Replay, directory);

    /// <summary>
    /// Adds <c>read_document</c>, <c>write_document</c> and <c>search_documents</c> over the registered
    /// <see cref="IDocumentStore"/>. Without one, <c>Baton:Documents:ConnectionString</c> (and optional
    /// <c>Baton:Documents:Container</c>, default "documents") selects a blob container; with neither, documents are
    /// kept in memory.
    /// </summary>
    public AgentsBuilder AddDocumentTools()
    {
        Services.TryAddSingleton<IDocumentStore>(sp =>
        {
            var configuration = sp.GetService<IConfiguration>();
            var connection = configuration?["Baton:Documents:ConnectionString"];
            return string.IsNullOrWhiteSpace(connection)
                ? new InMemoryDocumentStore()
                : new AzureBlobDocumentStore(new BlobContainerClient(connection, configuration?["Baton:Documents:Container"] ?? "documents"));
        });
        return AddTools(sp => new DocumentTools(sp.GetRequiredService<IDocumentStore>()).CreateTools());
    }

    /// <summary>Adds <c>fetch_url</c>, allowed to fetch URLs starting with <paramref name="allowedUrlPrefixes"/> plus those in <c>Baton:Tools:FetchUrl</c>.</summary>
    public AgentsBuilder AddUrlFetchTool(params string[] allowedUrlPrefixes)
    {
        return AddTools(sp =>
        {
            var options = sp.GetService<IConfiguration>()?.GetSection("Baton:Tools:FetchUrl").Get<UrlFetchOptions>() ?? new UrlFetchOptions();
            options.AllowedUrlPrefixes.AddRange(allowedUrlPrefixes);
            var handler = sp.GetService<UrlFetchHandler>()?.Handler;
            return [new UrlFetchTool(options, handler, sp.GetService<ILogger<UrlFetchTool>>()).CreateTool()];
        });
    }

    /// <summary>
    /// Adds <c>send_email</c> (requires approval) over the registered <see cref="IEmailSender"/>; without one, a
    /// <see cref="FileOutboxEmailSender"/> writing to <paramref name="outboxDirectory"/>, else
    /// <c>Baton:Email:OutboxDirectory</c>, else "outbox" under the current directory.
    /// </summary>
    public AgentsBuilder AddEmailTool(string? outboxDirectory = null)
    {
        Services.TryAddSingleton<IEmailSender>(sp =>
        {
            var configuration = sp.GetService<IConfiguration>();
            var directory = outboxDirectory ?? configuration?["Baton:Email:OutboxDirectory"] ?? Path.Combine(Environment.CurrentDirectory, "outbox");
            return new FileOutboxEmailSender(
                directory,
                configuration?["Baton:Email:From"] ?? "baton@localhost",
                sp.GetService<TimeProvider>(),
                sp.GetService<ILogger<FileOutboxEmailSender>>());
        });
        return AddTools(sp => [new EmailTool(sp.GetRequiredService<IEmailSender>()).CreateTool()]);
    }

    private AgentsBuilder Recording(ChatRecordingMode mode, string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Services.AddSingleton(new ChatRecordingOptions { Mode = mode, Directory = directory });
        return this;
    }
}
