using System.Diagnostics;
using System.Globalization;
using Baton.Bench.Engines;
using Baton.Durable.AzureStorage;
using Baton.Durable.Client;

namespace Baton.Bench.CrossProcess;

/// <summary>
/// The <c>--client</c> mode: a client-only process on an existing task hub (no worker, no partitions), of Baton or of
/// the Durable Task Framework. It reads commands from standard input, one a line: <c>raise &lt;id&gt;</c> raises the
/// benchmark's event, <c>start &lt;orchestration&gt; &lt;input&gt;</c> starts an instance; it answers
/// <c>done &lt;id&gt; &lt;start&gt; &lt;end&gt;</c> with <see cref="Stopwatch"/> timestamps taken around the call, which share
/// one clock with the parent process on the same machine. An empty line or end of input ends it.
/// </summary>
internal static class ClientMode
{
    public const string Mode = "--client";
    public const string Ready = "ready";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (engine, connection, hub) = ChildArguments.Parse(args);
        if (connection is null || hub is null)
        {
            await Console.Error.WriteLineAsync($"{Mode} needs --engine baton|dtfx, --connection and --hub.");
            return 1;
        }

        Func<string, Task> raise;
        Func<string, int, Task<string>> start;
        IAsyncDisposable owner;
        if (engine == "dtfx")
        {
            var dtfx = await DtfxEngine.StartAsync(connection, hub, owned: null, worker: false);
            raise = dtfx.RaiseAsync;
            start = dtfx.StartAsync;
            owner = dtfx;
        }
        else
        {
            var store = new AzureStorageOrchestrationStore(new AzureStorageOrchestrationStoreOptions { ConnectionString = connection, HubName = hub });
            var client = new DurableEngineClient(store);
            raise = id => client.RaiseEventAsync(id, Workloads.BenchTasks.EventName, "ok");
            start = (name, input) => client.ScheduleNewOrchestrationInstanceAsync(name, input);
            owner = store;

            // Opens the connections before the first measured call.
            await store.GetInstanceAsync("warm-up", includePayloads: false);
        }

        await using (owner)
        {
            Console.WriteLine(Ready);
            while (await Console.In.ReadLineAsync() is { Length: > 0 } line)
            {
                var parts = line.Split(' ');
                var begin = Stopwatch.GetTimestamp();
                var id = parts[0] switch
                {
                    "raise" => await RaiseAsync(raise, parts[1]),
                    "start" => await start(parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture)),
                    _ => throw new InvalidOperationException($"Unknown command '{line}'."),
                };
                var end = Stopwatch.GetTimestamp();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {id} {begin} {end}"));
            }
        }

        return 0;
    }

    private static async Task<string> RaiseAsync(Func<string, Task> raise, string id)
    {
        await raise(id);
        return id;
    }
}
