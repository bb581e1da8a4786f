using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Baton.Agents;

/// <summary>Registers Baton's agents.</summary>
public static class AgentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="AgentCatalog"/>, <see cref="ToolCatalog"/> (with the MCP servers of <c>Baton:Mcp:Servers</c>
    /// and <see cref="AgentsBuilder.AddMcpServer"/>, as <see cref="McpServers"/>), <see cref="IChatClientProvider"/> (models from
    /// <c>Baton:Models</c>; offline when nothing is configured), the <see cref="PriceTable"/> (its defaults, overridden by <c>Baton:Prices</c>), the
    /// process-wide <see cref="RateLimiterRegistry"/>, a logging <see cref="IApprovalNotifier"/> unless one is registered, an
    /// <see cref="InMemoryApprovalLedger"/> unless an <see cref="IApprovalLedger"/> is registered, an
    /// <see cref="InMemoryAgentCallLedger"/> unless an <see cref="IAgentCallLedger"/> is registered,
    /// and a <see cref="TimeProvider"/> unless one is registered. Register the activities on the worker with
    /// <see cref="AgentActivityRegistration.AddAgentActivities"/>. May be called more than once to add agents.
    /// </summary>
    public static IServiceCollection AddBatonAgents(this IServiceCollection services, Action<AgentsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RateLimiterRegistry(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IChatClientProvider>(sp => new ChatClientProvider(
            sp.GetService<IConfiguration>(),
            sp.GetRequiredService<RateLimiterRegistry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetServices<ChatClientRegistration>(),
            sp,
            sp.GetService<ChatRecordingOptions>()));
        services.TryAddSingleton(sp => new AgentCatalog(sp.GetServices<AgentDefinition>()));
        services.TryAddSingleton(sp => new McpServers(sp.GetService<IConfiguration>(), sp.GetServices<McpServerRegistration>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new ToolCatalog(
            sp.GetServices<AgentTool>().Concat(sp.GetServices<ToolFactoryRegistration>().SelectMany(r => r.Factory(sp))),
            sp.GetServices<IToolSource>().Concat(sp.GetRequiredService<McpServers>().Sources)));
        services.TryAddSingleton(sp =>
        {
            var table = new PriceTable();
            var section = sp.GetService<IConfiguration>()?.GetSection("Baton:Prices");
            foreach (var price in section?.Get<Dictionary<string, ModelPrice>>() ?? [])
            {
                table.Prices[price.Key] = price.Value;
            }

            return table;
        });
        services.TryAddSingleton<IApprovalNotifier>(sp => new LoggingApprovalNotifier(
            sp.GetService<ILogger<LoggingApprovalNotifier>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<LoggingApprovalNotifier>.Instance));
        services.TryAddSingleton<IApprovalLedger, InMemoryApprovalLedger>();
        services.TryAddSingleton<IAgentCallLedger, InMemoryAgentCallLedger>();
        configure?.Invoke(new AgentsBuilder(services));
        return services;
    }
}
