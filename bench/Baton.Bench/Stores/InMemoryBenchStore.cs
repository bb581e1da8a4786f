using Baton.Durable.Storage;
using Baton.Durable.Storage.InMemory;

namespace Baton.Bench.Stores;

/// <summary>The in-memory store on the system clock: the engine's own cost, with no I/O.</summary>
internal sealed class InMemoryBenchStore : IBenchStore
{
    private readonly List<InMemoryOrchestrationStore> _created = [];

    public string Name => "memory";

    public string Description => "in-memory store (process memory, system clock)";

    public long? StorageRequests => null;

    public Task<IOrchestrationStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var store = new InMemoryOrchestrationStore(TimeProvider.System);
        _created.Add(store);
        return Task.FromResult<IOrchestrationStore>(store);
    }

    public ValueTask ReleaseStoreAsync(IOrchestrationStore store) => ValueTask.CompletedTask;

    public IReadOnlyList<string>? ClientProcessArguments(IOrchestrationStore store) => null;

    public Task<Emulator> CreateEmulatorAsync() =>
        throw new StoreNotAvailableException("The in-memory store lives in this process only: run the peer and several processes with --store azurite.");

    public ValueTask DisposeAsync()
    {
        foreach (var store in _created)
        {
            store.Dispose();
        }

        _created.Clear();
        return ValueTask.CompletedTask;
    }
}
