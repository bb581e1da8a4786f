using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Workflows;

/// <summary>Registers declarative (YAML) workflows: services and the worker's orchestrators.</summary>
public static class DeclarativeWorkflowExtensions
{
    /// <summary>
    /// Registers the <see cref="DeclarativeWorkflowOptions"/> and the <see cref="DeclarativeWorkflowCatalog"/> of
    /// <paramref name="folder"/>, loaded and validated when first resolved against the registered agents, tools and
    /// built-in workflows (a host should resolve it at start-up, so that a bad file stops the start with every problem
    /// listed). The <see cref="WorkflowCatalog"/> then lists the loaded workflows too. Call once.
    /// </summary>
    public static IServiceCollection AddDeclarativeWorkflows(this IServiceCollection services, string folder, Action<DeclarativeWorkflowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var options = new DeclarativeWorkflowOptions { Folder = folder };
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => DeclarativeWorkflowLoader.Load(
            sp.GetRequiredService<DeclarativeWorkflowOptions>(),
            sp.GetRequiredService<AgentCatalog>(),
            sp.GetRequiredService<ToolCatalog>(),
            WorkflowCatalog.BuiltIn.Select(w => w.Name)));
        return services;
    }

    /// <summary>
    /// Reloads the workflows registered by <see cref="AddDeclarativeWorkflows(IServiceCollection, string, Action{DeclarativeWorkflowOptions}?)"/>
    /// whenever a file of their folder changes (a <see cref="DeclarativeWorkflowWatcher"/> hosted service): a bad file is
    /// logged and listed in <see cref="DeclarativeWorkflowCatalog.Problems"/> and keeps its last good version; the other
    /// files go on running, and runs in flight keep the version they started with. Meant for a local host.
    /// </summary>
    public static IServiceCollection AddDeclarativeWorkflowReload(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<DeclarativeWorkflowWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DeclarativeWorkflowWatcher>());
        return services;
    }

    /// <summary>
    /// Registers each workflow file of <paramref name="folder"/> as an orchestrator under the workflow's name (its input
    /// is the workflow's input), so that it starts by name; <see cref="WorkflowNames.Declarative"/> is registered by
    /// <c>registry.AddBatonWorkflows()</c>. A name already registered is left alone (loading reports the clash).
    /// </summary>
    public static DurableTaskRegistry AddDeclarativeWorkflows(this DurableTaskRegistry registry, string folder)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        foreach (var name in DeclarativeWorkflowLoader.ReadNames(folder).Where(n => !registry.HasOrchestrator(n)))
        {
            registry.AddOrchestrator(name, sp => new NamedDeclarativeWorkflowOrchestrator(name, sp.GetRequiredService<DeclarativeWorkflowCatalog>()));
        }

        return registry;
    }
}
