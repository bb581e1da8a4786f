namespace Baton.Bench.Stores;

/// <summary>A private storage emulator: its connection string, and what stops it when disposed.</summary>
internal sealed record Emulator(string ConnectionString, Func<Task> Stop) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(Stop());
}
