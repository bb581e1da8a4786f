namespace Baton.Bench.Engines;

/// <summary>Baton and, when compared, the peer, each on its own task hub; disposing stops both.</summary>
internal sealed record EngineSet(BatonEngine Baton, IBenchEngine? Peer) : IAsyncDisposable
{
    public IReadOnlyList<IBenchEngine> All => Peer is null ? [Baton] : [Baton, Peer];

    public async ValueTask DisposeAsync()
    {
        await Baton.DisposeAsync();
        if (Peer is not null)
        {
            Console.WriteLine($"  {Peer.Name} storage requests by kind: {string.Join(", ", Peer.RequestsByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}"))}");
            await Peer.DisposeAsync();
        }
    }
}
