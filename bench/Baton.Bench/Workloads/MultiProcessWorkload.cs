using Baton.Bench.CrossProcess;
using Baton.Bench.Engines;
using Baton.Bench.Results;

namespace Baton.Bench.Workloads;

/// <summary>
/// (h) Several processes on one task hub: (c) started by a client in this process (no worker here), run by one worker
/// process, then by two. Every message between client and workers, and between the two workers, goes through
/// storage; with two workers the activities a step schedules run in either process. Between the two stages the second
/// worker joins and the partitions are shared out (waited for, not measured).
/// </summary>
internal sealed class MultiProcessWorkload : IWorkload
{
    private static readonly TimeSpan Rebalance = TimeSpan.FromSeconds(45);

    public string Key => "h";

    public string Title => "(c) run by worker processes, client in this process: one worker, then two";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        if (context.Store.StorageRequests is null)
        {
            Console.WriteLine("  (skipped: the store lives in this process only)");
            return [];
        }

        var count = ConcurrentOrchestrationsWorkload.Count(context);
        var baton = await StagesAsync(context, "baton", count);
        (List<double> One, List<double> Two)? peer = context.Options.Peer is null ? null : await StagesAsync(context, "dtfx", count);
        var name = $"h {count} orch x{ConcurrentOrchestrationsWorkload.ActivitiesEach}";
        return
        [
            new Metric(name, "1 worker process, throughput", "orch/s", baton.One) { Peer = peer?.One, Better = Better.Higher },
            new Metric(name, "2 worker processes, throughput", "orch/s", baton.Two) { Peer = peer?.Two, Better = Better.Higher },
            new Metric(name, "2 processes / 1 process", "ratio", [Metric.Percentile(baton.Two, 50) / Metric.Percentile(baton.One, 50)])
            {
                Peer = peer is null ? null : [Metric.Percentile(peer.Value.Two, 50) / Metric.Percentile(peer.Value.One, 50)],
            },
        ];
    }

    private static async Task<(List<double> One, List<double> Two)> StagesAsync(BenchContext context, string engineName, int count)
    {
        await using var emulator = await context.Store.CreateEmulatorAsync();
        var hub = BenchContext.AzuriteHubName("Multi");
        IBenchEngine client;
        if (engineName == "dtfx")
        {
            client = await DtfxEngine.StartAsync(emulator.ConnectionString, hub, owned: null, worker: false);
        }
        else
        {
            var batonClient = new BatonClientEngine(emulator.ConnectionString, hub);
            await batonClient.CreateAsync();
            client = batonClient;
        }

        await using (client)
        {
            var workers = new List<ChildProcess>();
            try
            {
                workers.Add(await ChildProcess.StartAsync(WorkerMode.Mode, client.ClientProcessArguments!, BenchContext.Timeout()));
                var one = await MeasureAsync(context, client, count, "1 worker");
                workers.Add(await ChildProcess.StartAsync(WorkerMode.Mode, client.ClientProcessArguments!, BenchContext.Timeout()));
                Console.WriteLine($"  h [{client.Name}]: second worker started; {Rebalance.TotalSeconds:F0} s for the partitions to be shared");
                await Task.Delay(context.Options.Quick ? TimeSpan.FromSeconds(10) : Rebalance);
                var two = await MeasureAsync(context, client, count, "2 workers");
                return (one, two);
            }
            finally
            {
                foreach (var worker in workers)
                {
                    await worker.DisposeAsync();
                }
            }
        }
    }

    private static async Task<List<double>> MeasureAsync(BenchContext context, IBenchEngine client, int count, string stage)
    {
        var warm = await ConcurrentOrchestrationsWorkload.RunOnceAsync(client, count);
        Console.WriteLine($"  h [{client.Name}, {stage}]: warm-up {warm.Elapsed:F0} ms");
        var samples = new List<double>();
        for (var i = 0; i < context.Options.Runs; i++)
        {
            var run = await ConcurrentOrchestrationsWorkload.RunOnceAsync(client, count);
            samples.Add(count / (run.Elapsed / 1000));
            Console.WriteLine($"  h [{client.Name}, {stage}]: run {i + 1}/{context.Options.Runs} {run.Elapsed:F0} ms");
        }

        return samples;
    }
}
