using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>
/// Engines on one task hub of the test's Azurite, with leases and visibility timeouts short enough that a dead engine's
/// work moves on within seconds; everything made is disposed after the test, newest host first.
/// </summary>
public abstract class TwoEngineTestBase(AzuriteFixture azurite, string hubPrefix) : IAsyncLifetime
{
    /// <summary>How long any wait in these tests may take.</summary>
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>The test's Azurite.</summary>
    protected AzuriteFixture Azurite { get; } = azurite;

    /// <summary>The task hub every engine of the test shares.</summary>
    protected string Hub { get; } = AzuriteFixture.NewHubName(hubPrefix);

    /// <summary>Stores and hosts to dispose after the test; a test that disposes one itself removes it first.</summary>
    protected List<IAsyncDisposable> Cleanup { get; } = [];

    protected AzureStorageOrchestrationStore NewStore(Action<AzureStorageOrchestrationStoreOptions>? configure = null)
    {
        var options = new AzureStorageOrchestrationStoreOptions
        {
            ConnectionString = Azurite.ConnectionString,
            HubName = Hub,
            PartitionCount = 4,
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
            LeaseAcquireInterval = TimeSpan.FromMilliseconds(250),
            LeaseDuration = TimeSpan.FromSeconds(15),
            LeaseRenewInterval = TimeSpan.FromSeconds(5),

            // A crashed process's in-flight messages come back after these.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(3),
            WorkItemVisibilityTimeout = TimeSpan.FromSeconds(3),
        };
        configure?.Invoke(options);
        var store = new AzureStorageOrchestrationStore(options);
        Cleanup.Add(store);
        return store;
    }

    protected async Task<DurableHost> StartAsync(AzureStorageOrchestrationStore store, Action<DurableTaskRegistry> register)
    {
        var host = await DurableHost.StartAsync(register, services => services.AddSingleton<IOrchestrationStore>(store), configureWorker: o =>
        {
            o.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
            o.ShutdownGracePeriod = TimeSpan.FromMilliseconds(100);
        });
        Cleanup.Insert(0, host);
        return host;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var item in Cleanup)
        {
            await item.DisposeAsync();
        }
    }
}
