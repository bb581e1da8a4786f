using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Dashboard;

/// <summary>Registers the dashboard's services.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="DashboardEndpointRouteBuilderExtensions.MapBatonDashboard(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string)"/> serves. Needs a
    /// <see cref="Baton.Durable.DurableTaskClient"/> (or, where the client is bound per request as in Azure Functions, one
    /// passed to <see cref="DashboardApi.HandleAsync"/>) and, for the workflow filter, a <see cref="Baton.Workflows.WorkflowCatalog"/>
    /// (optional). Registers the default <see cref="IPendingApprovalSource"/> (the approvals ledger's pending records), an
    /// in-memory <see cref="Baton.Agents.IApprovalLedger"/>, an in-memory
    /// <see cref="Baton.Agents.IAgentCallLedger"/> (the agent call records the run page and spend read) and the <see cref="Baton.Agents.ApprovalDecider"/> the inbox
    /// decides through, each unless already registered. Idempotent.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts <see cref="DashboardOptions"/>.</param>
    public static IServiceCollection AddBatonDashboard(this IServiceCollection services, Action<DashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DashboardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Baton.Agents.IApprovalLedger, Baton.Agents.InMemoryApprovalLedger>();
        services.TryAddSingleton<Baton.Agents.ApprovalDecider>();
        services.TryAddSingleton<IPendingApprovalSource, LedgerPendingApprovalSource>();
        services.TryAddSingleton<Baton.Agents.IAgentCallLedger, Baton.Agents.InMemoryAgentCallLedger>();
        // The readers over the durable client are made per request by DashboardApi, with the client the host hands it.
        services.TryAddSingleton<ApprovalAuditReader>();
        services.TryAddSingleton<DashboardApi>();
        return services;
    }
}
