using System.Diagnostics;
using Baton.Bench.CrossProcess;
using Baton.Bench.Engines;
using Baton.Bench.Results;
using Baton.Durable.AzureStorage;

namespace Baton.Bench.Workloads;

/// <summary>
/// (g) What an idle engine costs its storage account, and what the idle cadence costs a user: a started host that
/// has run one orchestration and owns its partitions is left alone for <see cref="SettleTime"/> (its polls back off to
/// their slowest), then its storage requests are counted over <see cref="Window"/>, by kind. Then a client in another
/// process starts a run; measured from that client's call to the run's first execution in this process: once after
/// the idle period, once after another, and <see cref="BusySamples"/> times while this process is busy with a chain.
/// Every engine idles at the same time (each on its own emulator). Only for stores that count their requests.
/// </summary>
internal sealed class IdleRequestsWorkload : IWorkload
{
    private const int BusySamples = 10;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan SecondIdle = TimeSpan.FromSeconds(30);

    public string Key => "g";

    public string Title => $"idle storage requests per second ({Window.TotalSeconds:F0} s window), then starts from another process";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        if (context.Store.StorageRequests is null)
        {
            Console.WriteLine("  (skipped: this store does not count storage requests)");
            return [];
        }

        var quick = context.Options.Quick;
        await using var engines = await context.StartEnginesAsync();
        var children = new Dictionary<IBenchEngine, ChildProcess>();
        try
        {
            foreach (var engine in engines.All)
            {
                await engine.CompletedAsync(await engine.StartAsync(BenchTasks.Chain, 1));
                children[engine] = await ChildProcess.StartAsync(ClientMode.Mode, engine.ClientProcessArguments!, BenchContext.Timeout());

                // Warms the other process's start path (and this one's first execution of the orchestration), so that
                // the samples after idle measure the idle engine, not a cold client.
                await StartLatencyAsync(children[engine]);
            }

            await OwnAllAsync(engines.Baton);
            var settle = quick ? TimeSpan.FromSeconds(5) : SettleTime;
            var window = quick ? TimeSpan.FromSeconds(10) : Window;
            Console.WriteLine($"  g: idling {settle.TotalSeconds:F0} s, then counting for {window.TotalSeconds:F0} s");
            await Task.Delay(settle);
            var rates = await Task.WhenAll(engines.All.Select(e => IdleRateAsync(e, window)));

            var idleStarts = new Dictionary<IBenchEngine, List<double>>();
            foreach (var engine in engines.All)
            {
                idleStarts[engine] = [await StartLatencyAsync(children[engine])];
            }

            Console.WriteLine($"  g: idling {SecondIdle.TotalSeconds:F0} s again");
            await Task.Delay(quick ? TimeSpan.FromSeconds(5) : SecondIdle);
            foreach (var engine in engines.All)
            {
                idleStarts[engine].Add(await StartLatencyAsync(children[engine]));
            }

            var busyStarts = new Dictionary<IBenchEngine, List<double>>();
            foreach (var engine in engines.All)
            {
                busyStarts[engine] = await BusyStartsAsync(engine, children[engine]);
            }

            foreach (var engine in engines.All)
            {
                Console.WriteLine($"  g [{engine.Name}]: start from another process begins after {string.Join(", ", idleStarts[engine].Select(s => $"{s:F0}"))} ms idle, median {Metric.Percentile(busyStarts[engine], 50):F0} ms busy");
            }

            var peer = engines.Peer;
            const string name = "g idle";
            return
            [
                new Metric(name, "storage requests per second", "requests/s", [rates[0]]) { Peer = peer is null ? null : [rates[1]], Better = Better.Lower },
                new Metric(name, "run from another process begins, after idle", "ms", idleStarts[engines.Baton]) { Peer = peer is null ? null : idleStarts[peer], Better = Better.Lower },
                new Metric(name, "run from another process begins, busy", "ms", busyStarts[engines.Baton], Spread.P99) { Peer = peer is null ? null : busyStarts[peer], Better = Better.Lower },
            ];
        }
        finally
        {
            foreach (var child in children.Values)
            {
                await child.DisposeAsync();
            }
        }
    }

    private static async Task OwnAllAsync(BatonEngine baton)
    {
        if (baton.Host.Counters.Inner is not AzureStorageOrchestrationStore azure)
        {
            return;
        }

        var deadline = Stopwatch.StartNew();
        while (azure.OwnedPartitionCount < 4 && deadline.Elapsed < BenchContext.Deadline)
        {
            await Task.Delay(100);
        }
    }

    private static async Task<double> IdleRateAsync(IBenchEngine engine, TimeSpan window)
    {
        var kinds = engine.RequestsByKind;
        var first = engine.StorageRequests!.Value;
        var watch = Stopwatch.StartNew();
        await Task.Delay(window);
        var rate = (engine.StorageRequests!.Value - first) / watch.Elapsed.TotalSeconds;
        var after = engine.RequestsByKind;
        var byKind = after.Select(k => (k.Key, Rate: (k.Value - kinds.GetValueOrDefault(k.Key)) / watch.Elapsed.TotalSeconds))
            .Where(k => k.Rate > 0).OrderBy(k => k.Key, StringComparer.Ordinal);
        Console.WriteLine($"  g [{engine.Name}]: {rate:F2} requests/s idle ({string.Join(", ", byKind.Select(k => $"{k.Key} {k.Rate:F2}/s"))})");
        return rate;
    }

    /// <summary>From the other process's call to the first execution of the run it started, here.</summary>
    private static async Task<double> StartLatencyAsync(ChildProcess child)
    {
        var (id, start, _) = await child.SendAsync($"start {BenchTasks.Marked} 0", BenchContext.Timeout());
        var began = await FirstExecution.WhenAsync(id);
        return Stopwatch.GetElapsedTime(start, began).TotalMilliseconds;
    }

    /// <summary>Starts from the other process while this one runs chains of activities, one after another.</summary>
    private static async Task<List<double>> BusyStartsAsync(IBenchEngine engine, ChildProcess child)
    {
        using var stop = new CancellationTokenSource();
        var busy = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await engine.CompletedAsync(await engine.StartAsync(BenchTasks.Chain, 5));
            }
        });
        var samples = new List<double>();
        await Task.Delay(500);
        for (var i = 0; i < BusySamples; i++)
        {
            samples.Add(await StartLatencyAsync(child));
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await busy;
        return samples;
    }
}
