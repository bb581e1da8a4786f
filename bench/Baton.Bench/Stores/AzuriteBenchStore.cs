using Baton.Durable.AzureStorage;
using Baton.Durable.Storage;
using Baton.Testing;

namespace Baton.Bench.Stores;

/// <summary>
/// The Azure Storage store on private Azurites that this store starts (the repository's pinned npm package, in-memory
/// persistence, free loopback ports): one per store, so per workload, stopped with it. Azurite keeps everything in
/// one Node.js process and scans its in-memory collections, so one workload's leftovers would slow the next.
/// Storage requests are counted by each store's <see cref="StorageRequestCounter"/>.
/// </summary>
internal sealed class AzuriteBenchStore : IBenchStore
{
    private readonly Dictionary<AzureStorageOrchestrationStore, AzuriteFixture> _created = [];
    private readonly Lock _gate = new();
    private long _released;

    public string Name => "azurite";

    public string Description => "Azure Storage store on a private Azurite per workload (in-memory, 127.0.0.1)";

    public long? StorageRequests
    {
        get
        {
            lock (_gate)
            {
                return _released + _created.Keys.Sum(s => s.RequestCounter.Total);
            }
        }
    }

    /// <summary>Checks that Azurite can start here, by starting and stopping one.</summary>
    public async Task StartAsync()
    {
        var azurite = await StartAzuriteAsync();
        await azurite.DisposeAsync();
    }

    /// <summary>The options of a store on this Azurite, for the hub named <paramref name="hubName"/>.</summary>
    public static AzureStorageOrchestrationStoreOptions Options(string connectionString, string hubName) => new()
    {
        ConnectionString = connectionString,
        HubName = hubName,
    };

    public async Task<IOrchestrationStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var azurite = await StartAzuriteAsync();
        var store = new AzureStorageOrchestrationStore(Options(azurite.ConnectionString, AzuriteFixture.NewHubName("Bench")));
        await store.CreateIfNotExistsAsync(cancellationToken);
        lock (_gate)
        {
            _created.Add(store, azurite);
        }

        return store;
    }

    public async ValueTask ReleaseStoreAsync(IOrchestrationStore store)
    {
        if (store is not AzureStorageOrchestrationStore azure)
        {
            return;
        }

        await azure.DisposeAsync();
        AzuriteFixture? azurite;
        lock (_gate)
        {
            if (_created.Remove(azure, out azurite))
            {
                _released += azure.RequestCounter.Total;
            }
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    public IReadOnlyList<string>? ClientProcessArguments(IOrchestrationStore store)
    {
        lock (_gate)
        {
            return store is AzureStorageOrchestrationStore azure && _created.TryGetValue(azure, out var azurite)
                ? ["--connection", azurite.ConnectionString, "--hub", azure.HubName]
                : null;
        }
    }

    public async Task<Emulator> CreateEmulatorAsync()
    {
        var azurite = await StartAzuriteAsync();
        return new Emulator(azurite.ConnectionString, azurite.DisposeAsync);
    }

    public async ValueTask DisposeAsync()
    {
        List<AzureStorageOrchestrationStore> stores;
        lock (_gate)
        {
            stores = [.. _created.Keys];
        }

        foreach (var store in stores)
        {
            await ReleaseStoreAsync(store);
        }
    }

    private static async Task<AzuriteFixture> StartAzuriteAsync()
    {
        var azurite = new AzuriteFixture();
        try
        {
            await azurite.InitializeAsync();
            return azurite;
        }
        catch (InvalidOperationException e)
        {
            await azurite.DisposeAsync();
            throw new StoreNotAvailableException($"the azurite store cannot start Azurite: {e.Message}");
        }
    }
}
