using Baton.Durable.Storage;

namespace Baton.Bench.Stores;

/// <summary>
/// A kind of store the benchmark runs on. Each workload gets a fresh, empty store (a new task hub) from
/// <see cref="CreateStoreAsync"/>; disposing the bench store releases everything it created (and any emulator it started).
/// </summary>
internal interface IBenchStore : IAsyncDisposable
{
    /// <summary>The name given to <c>--store</c>.</summary>
    string Name { get; }

    /// <summary>One line on what the store is and where its data lives, for the report.</summary>
    string Description { get; }

    /// <summary>
    /// Storage requests made so far by every store created (HTTP requests for a remote store), or null when the store
    /// does not count them.
    /// </summary>
    long? StorageRequests { get; }

    /// <summary>Creates a fresh, empty store.</summary>
    Task<IOrchestrationStore> CreateStoreAsync(CancellationToken cancellationToken);

    /// <summary>Stops a store created by <see cref="CreateStoreAsync"/> once its host has stopped (its polls end).</summary>
    ValueTask ReleaseStoreAsync(IOrchestrationStore store);

    /// <summary>
    /// The arguments that let another process (this program in <c>--raise-client</c> mode) open the same task hub as
    /// <paramref name="store"/>; null when the store lives only in this process.
    /// </summary>
    IReadOnlyList<string>? ClientProcessArguments(IOrchestrationStore store);

    /// <summary>
    /// Starts a private emulator of the store's service for a peer engine or for several processes; disposing the
    /// result stops it. Throws <see cref="StoreNotAvailableException"/> when the store has none.
    /// </summary>
    Task<Emulator> CreateEmulatorAsync();
}
