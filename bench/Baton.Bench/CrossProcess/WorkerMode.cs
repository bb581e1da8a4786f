using Baton.Bench.Engines;
using Baton.Bench.Workloads;
using Baton.Durable;
using Baton.Durable.AzureStorage;
using Baton.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Bench.CrossProcess;

/// <summary>
/// The <c>--worker</c> mode: an engine (Baton or the Durable Task Framework) with the benchmark's orchestrations and
/// activities on an existing task hub, sharing it with whatever else runs there, until its standard input closes.
/// </summary>
internal static class WorkerMode
{
    public const string Mode = "--worker";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (engine, connection, hub) = ChildArguments.Parse(args);
        if (connection is null || hub is null)
        {
            await Console.Error.WriteLineAsync($"{Mode} needs --engine baton|dtfx, --connection and --hub.");
            return 1;
        }

        var running = new List<IAsyncDisposable>();
        if (engine == "dtfx")
        {
            running.Add(await DtfxEngine.StartAsync(connection, hub, owned: null));
        }
        else
        {
            var store = new AzureStorageOrchestrationStore(new AzureStorageOrchestrationStoreOptions { ConnectionString = connection, HubName = hub });
            running.Add(await DurableHost.StartAsync(BenchTasks.Register, services => services.AddSingleton<IOrchestrationStore>(store)));
            running.Add(store);
        }

        Console.WriteLine(ClientMode.Ready);
        while (await Console.In.ReadLineAsync() is { Length: > 0 })
        {
        }

        // The host first (its steps end), then the store (its leases are released for the others).
        foreach (var item in running)
        {
            await item.DisposeAsync();
        }

        return 0;
    }
}
