using Baton.Durable.DependencyInjection;
using Baton.Durable.Dispatching;
using Baton.Durable.Storage;
using Baton.Durable.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Durable;

/// <summary>
/// A worker and a client over one store, started together without a generic host: for tests, benchmarks, tools
/// and ephemeral runs. With a fake <see cref="TimeProvider"/>, durable timers and timeouts follow the fake clock,
/// so a day-long approval timeout tests in milliseconds.
/// </summary>
public sealed class DurableHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private DurableHost(ServiceProvider provider)
    {
        _provider = provider;
        Client = provider.GetRequiredService<DurableTaskClient>();
        Store = provider.GetRequiredService<IOrchestrationStore>();
        Worker = provider.GetRequiredService<DurableTaskWorker>();
    }

    /// <summary>The client.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The store the worker and the client share.</summary>
    public IOrchestrationStore Store { get; }

    /// <summary>The worker.</summary>
    public DurableTaskWorker Worker { get; }

    /// <summary>The services orchestrators and activities are created from.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>Starts a host on a new in-memory store.</summary>
    /// <param name="register">Registers orchestrators and activities.</param>
    /// <param name="configureServices">Adds services that orchestrators and activities need.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="configureWorker">Adjusts worker limits.</param>
    public static Task<DurableHost> StartInMemoryAsync(
        Action<DurableTaskRegistry> register,
        Action<IServiceCollection>? configureServices = null,
        TimeProvider? timeProvider = null,
        Action<DurableWorkerOptions>? configureWorker = null) =>
        StartAsync(register, services =>
        {
            services.AddInMemoryOrchestrationStore();
            configureServices?.Invoke(services);
        }, timeProvider, configureWorker);

    /// <summary>Starts a host on whatever store <paramref name="configureServices"/> registers as <see cref="IOrchestrationStore"/>.</summary>
    public static async Task<DurableHost> StartAsync(
        Action<DurableTaskRegistry> register,
        Action<IServiceCollection> configureServices,
        TimeProvider? timeProvider = null,
        Action<DurableWorkerOptions>? configureWorker = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(configureServices);
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        configureServices(services);
        services.AddDurableEngine(register, configureWorker);
        services.TryAddSingleton<IOrchestrationStore>(sp => new InMemoryOrchestrationStore(sp.GetRequiredService<TimeProvider>()));

        var provider = services.BuildServiceProvider();
        var host = new DurableHost(provider);
        await host.Worker.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Stops the worker (returning unfinished work to the store) and disposes the services.</summary>
    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}
