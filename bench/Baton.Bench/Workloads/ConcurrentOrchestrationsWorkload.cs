using System.Diagnostics;
using Baton.Bench.Engines;
using Baton.Bench.Results;

namespace Baton.Bench.Workloads;

/// <summary>(c) Many orchestrations started at once, each a short chain: throughput of whole orchestrations.</summary>
internal sealed class ConcurrentOrchestrationsWorkload : IWorkload
{
    public const int ActivitiesEach = 3;

    public string Key => "c";

    public string Title => "orchestrations started at once";

    public static int Count(BenchContext context) => context.Options.Quick ? 20 : 100;

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        var count = Count(context);
        await using var engines = await context.StartEnginesAsync();
        var runs = await context.RepeatAsync("c", engines, (engine, _) => RunOnceAsync(engine, count),
            r => $"{r.Elapsed:F1} ms (all scheduled after {r.Scheduled:F1} ms)" + (r.Requests is { } requests ? $", {requests} storage requests" : ""));

        var name = $"c {count} orch x{ActivitiesEach}";
        List<Metric> storage = runs.Baton[0].Requests is null
            ? []
            : [runs.Figure(name, "storage requests per activity", "requests", Better.Lower, r => r.Requests!.Value / (double)(count * ActivitiesEach))];
        return
        [
            runs.Figure(name, "all complete", "ms", Better.Lower, r => r.Elapsed),
            runs.Figure(name, "throughput", "orch/s", Better.Higher, r => count / (r.Elapsed / 1000)),
            .. storage,
        ];
    }

    /// <summary>Starts <paramref name="count"/> chains of three at once and waits for all; in order, so that a polling client reads little.</summary>
    public static async Task<(double Elapsed, double Scheduled, long? Requests)> RunOnceAsync(IBenchEngine engine, int count)
    {
        var requests = engine.StorageRequests;
        var watch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => engine.StartAsync(BenchTasks.Chain, ActivitiesEach)));
        var scheduled = watch.Elapsed.TotalMilliseconds;
        foreach (var id in ids)
        {
            await engine.CompletedAsync(id);
        }

        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, scheduled, engine.StorageRequests - requests);
    }
}
