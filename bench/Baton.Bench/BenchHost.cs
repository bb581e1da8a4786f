using Baton.Bench.Stores;
using Baton.Durable;

namespace Baton.Bench;

/// <summary>A started engine (worker and client) on a counted store.</summary>
internal sealed record BenchHost(DurableHost Host, CountingStore Counters) : IAsyncDisposable
{
    public DurableTaskClient Client => Host.Client;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
