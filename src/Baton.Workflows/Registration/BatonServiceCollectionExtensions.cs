using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows;

/// <summary>Adds Baton and an application's own workflows, agents and tools to a service collection.</summary>
public static class BatonServiceCollectionExtensions
{
    /// <summary>
    /// Adds Baton's workflows, agents and stores (<see cref="WorkflowServiceCollectionExtensions.AddBatonWorkflows"/>), then
    /// what <paramref name="configure"/> registers: <c>services.AddBaton(b =&gt; b.AddWorkflow&lt;MyWorkflow&gt;().AddAgent(...).AddToolsFrom&lt;MyTools&gt;())</c>.
    /// The workflows registered become startable by name on the host (<c>POST /api/workflows/{name}</c>) and are listed by
    /// <c>GET /api/workflows</c>; their orchestrators and activities are registered on the engine. May be called more than once.
    /// </summary>
    public static IServiceCollection AddBaton(this IServiceCollection services, Action<BatonBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddBatonWorkflows();
        configure?.Invoke(BatonBuilder.For(services));
        return services;
    }
}
