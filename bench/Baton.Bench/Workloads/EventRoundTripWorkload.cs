using System.Diagnostics;
using Baton.Bench.CrossProcess;
using Baton.Bench.Engines;
using Baton.Bench.Results;

namespace Baton.Bench.Workloads;

/// <summary>
/// (d) An orchestration waits for an event; a client raises it and this process waits for completion. Measured from
/// the raise to the moment this process sees the completion. Twice when the store can be shared between processes:
/// with the client in this process, and with the client in a child process (this program in <c>--client</c> mode)
/// whose message reaches this process through storage alone.
/// </summary>
internal sealed class EventRoundTripWorkload : IWorkload
{
    private const int PerRun = 10;

    public string Key => "d";

    public string Title => "external event round trip";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        await using var engines = await context.StartEnginesAsync();
        var runs = await context.RepeatAsync("d", engines, async (engine, _) =>
        {
            var samples = new List<double>();
            for (var i = 0; i < PerRun; i++)
            {
                var id = await StartWaitingAsync(engine);
                var watch = Stopwatch.StartNew();
                await engine.RaiseAsync(id);
                await engine.CompletedAsync(id);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }

            return samples;
        }, r => $"median {Metric.Percentile(r, 50):F1} ms, max {r.Max():F1} ms");

        const string name = "d event round trip";
        var metrics = new List<Metric> { runs.Samples(name, "raise -> completed (client in process)", "ms", Better.Lower, r => r) };
        if (engines.Baton.ClientProcessArguments is not null)
        {
            metrics.Add(await CrossProcessAsync(context, engines));
        }

        return metrics;
    }

    private static async Task<Metric> CrossProcessAsync(BenchContext context, EngineSet engines)
    {
        var children = new Dictionary<IBenchEngine, ChildProcess>();
        try
        {
            foreach (var engine in engines.All)
            {
                children[engine] = await ChildProcess.StartAsync(ClientMode.Mode, engine.ClientProcessArguments!, BenchContext.Timeout());
            }

            var runs = await context.RepeatAsync("d cross-process", engines, async (engine, _) =>
            {
                var samples = new List<double>();
                for (var i = 0; i < PerRun; i++)
                {
                    var id = await StartWaitingAsync(engine);
                    var (_, start, _) = await children[engine].SendAsync($"raise {id}", BenchContext.Timeout());
                    await engine.CompletedAsync(id);
                    samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                return samples;
            }, r => $"median {Metric.Percentile(r, 50):F1} ms, max {r.Max():F1} ms");
            return runs.Samples("d event round trip", "raise -> completed (client in another process)", "ms", Better.Lower, r => r);
        }
        finally
        {
            foreach (var child in children.Values)
            {
                await child.DisposeAsync();
            }
        }
    }

    private static async Task<string> StartWaitingAsync(IBenchEngine engine)
    {
        var id = await engine.StartAsync(BenchTasks.ChainThenWait, 0);

        // Running is written when the first step commits, so the orchestration is waiting for the event by now.
        await engine.StartedAsync(id);
        return id;
    }
}
