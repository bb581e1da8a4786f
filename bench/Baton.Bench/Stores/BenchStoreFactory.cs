namespace Baton.Bench.Stores;

/// <summary>The stores <c>--store</c> can name. Adding one is one entry here and one <see cref="IBenchStore"/>.</summary>
internal static class BenchStoreFactory
{
    private static readonly Dictionary<string, Func<Task<IBenchStore>>> Stores = new(StringComparer.OrdinalIgnoreCase)
    {
        ["memory"] = () => Task.FromResult<IBenchStore>(new InMemoryBenchStore()),
        ["azurite"] = CreateAzuriteAsync,
    };

    public static IReadOnlyCollection<string> Names => Stores.Keys;

    /// <summary>Creates (and starts) the named store, or throws <see cref="StoreNotAvailableException"/> saying why it cannot.</summary>
    public static Task<IBenchStore> CreateAsync(string name) =>
        Stores.TryGetValue(name, out var create)
            ? create()
            : throw new StoreNotAvailableException($"Unknown store '{name}'. Choose one of: {string.Join(", ", Names)}.");

    private static async Task<IBenchStore> CreateAzuriteAsync()
    {
        var store = new AzuriteBenchStore();
        try
        {
            await store.StartAsync();
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        return store;
    }
}
