using System.Reflection;

namespace Baton.Bench.Stores;

/// <summary>The stores <c>--store</c> can name. Adding one is one entry here and one <see cref="IBenchStore"/>.</summary>
internal static class BenchStoreFactory
{
    private const string AzureStorageAssembly = "Baton.Durable.AzureStorage";

    private static readonly Dictionary<string, Func<IBenchStore>> Stores = new(StringComparer.OrdinalIgnoreCase)
    {
        ["memory"] = () => new InMemoryBenchStore(),
        ["azurite"] = CreateAzurite,
    };

    public static IReadOnlyCollection<string> Names => Stores.Keys;

    /// <summary>Creates the named store, or throws <see cref="StoreNotAvailableException"/> saying why it cannot.</summary>
    public static IBenchStore Create(string name) =>
        Stores.TryGetValue(name, out var create)
            ? create()
            : throw new StoreNotAvailableException($"Unknown store '{name}'. Choose one of: {string.Join(", ", Names)}.");

    private static IBenchStore CreateAzurite()
    {
        if (!IsReferenced(AzureStorageAssembly))
        {
            throw new StoreNotAvailableException("the azurite store is not available in this build");
        }

        // The Azure Storage assembly is present but this build has no Azurite bench store wired to it yet.
        throw new StoreNotAvailableException($"the azurite store is not available in this build ({AzureStorageAssembly} is referenced, but no bench store is wired to it)");
    }

    private static bool IsReferenced(string assemblyName)
    {
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == assemblyName))
        {
            return true;
        }

        try
        {
            Assembly.Load(new AssemblyName(assemblyName));
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return false;
        }
    }
}
