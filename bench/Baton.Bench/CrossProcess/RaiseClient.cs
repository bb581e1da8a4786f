using System.Diagnostics;
using System.Globalization;
using Baton.Bench.Workloads;
using Baton.Durable.AzureStorage;
using Baton.Durable.Client;

namespace Baton.Bench.CrossProcess;

/// <summary>
/// The <c>--raise-client</c> mode: a client-only process on an existing task hub (no worker, no partitions). It reads
/// instance ids from standard input, one a line, raises the benchmark's event on each and answers
/// <c>raised &lt;id&gt; &lt;start&gt; &lt;end&gt;</c> with <see cref="Stopwatch"/> timestamps, which share one clock with the
/// parent process on the same machine. An empty line or end of input ends it.
/// </summary>
internal static class RaiseClient
{
    public const string Mode = "--raise-client";
    public const string Ready = "ready";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string? connection = null, hub = null;
        for (var i = 1; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--connection":
                    connection = args[i + 1];
                    break;
                case "--hub":
                    hub = args[i + 1];
                    break;
            }
        }

        if (connection is null || hub is null)
        {
            await Console.Error.WriteLineAsync($"{Mode} needs --connection and --hub.");
            return 1;
        }

        await using var store = new AzureStorageOrchestrationStore(new AzureStorageOrchestrationStoreOptions { ConnectionString = connection, HubName = hub });
        var client = new DurableEngineClient(store);

        // Opens the connections before the first measured raise.
        await store.GetInstanceAsync("warm-up", includePayloads: false);
        Console.WriteLine(Ready);
        while (await Console.In.ReadLineAsync() is { Length: > 0 } instanceId)
        {
            var start = Stopwatch.GetTimestamp();
            await client.RaiseEventAsync(instanceId, BenchTasks.EventName, "ok");
            var end = Stopwatch.GetTimestamp();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raised {instanceId} {start} {end}"));
        }

        return 0;
    }
}
