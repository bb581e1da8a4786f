using Baton.Bench.Stores;
using Baton.Durable;
using Baton.Durable.AzureStorage;

namespace Baton.Bench;

/// <summary>
/// A started engine (worker and client) on a counted store; disposing it stops the engine, then the store, and prints
/// the storage requests the store sent by kind (warm-up included) when it counts them.
/// </summary>
internal sealed record BenchHost(DurableHost Host, CountingStore Counters, IBenchStore Owner) : IAsyncDisposable
{
    public DurableTaskClient Client => Host.Client;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Counters.Inner is AzureStorageOrchestrationStore azure)
        {
            var kinds = azure.RequestCounter.ByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}");
            Console.WriteLine($"  storage requests by kind: {string.Join(", ", kinds)}");
        }

        await Owner.ReleaseStoreAsync(Counters.Inner);
    }
}
