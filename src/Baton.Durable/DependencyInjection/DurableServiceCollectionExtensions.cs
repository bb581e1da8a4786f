using Baton.Durable.Client;
using Baton.Durable.Dispatching;
using Baton.Durable.Storage;
using Baton.Durable.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Baton.Durable.DependencyInjection;

/// <summary>Registers Baton's engine in a service collection.</summary>
public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: the worker (as a hosted service), the client (<see cref="DurableTaskClient"/>), the registry,
    /// and defaults for <see cref="DataConverter"/> and <see cref="TimeProvider"/>. A store must be added too
    /// (<see cref="AddInMemoryOrchestrationStore"/> or the Azure Storage store). Calling it again only adds registrations.
    /// </summary>
    public static IServiceCollection AddDurableEngine(
        this IServiceCollection services,
        Action<DurableTaskRegistry>? register = null,
        Action<DurableWorkerOptions>? configureWorker = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddLogging();
        if (register is not null)
        {
            services.Configure(register);
        }

        if (configureWorker is not null)
        {
            services.Configure(configureWorker);
        }

        if (services.Any(d => d.ServiceType == typeof(DurableTaskWorker)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DurableTaskRegistry>>().Value);
        services.TryAddSingleton<DurableTaskClient>(sp => new DurableEngineClient(
            sp.GetRequiredService<IOrchestrationStore>(),
            sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DurableTaskWorker>(sp));
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());

        return services;
    }

    /// <summary>Adds orchestrators and activities to the registry.</summary>
    public static IServiceCollection AddDurableTasks(this IServiceCollection services, Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.Configure(register);
    }

    /// <summary>Uses the in-memory store: state lives as long as the process.</summary>
    public static IServiceCollection AddInMemoryOrchestrationStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new InMemoryOrchestrationStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOrchestrationStore>(sp => sp.GetRequiredService<InMemoryOrchestrationStore>());
        return services;
    }
}
