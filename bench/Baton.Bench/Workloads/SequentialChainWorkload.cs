using System.Diagnostics;
using Baton.Bench.Engines;
using Baton.Bench.Results;

namespace Baton.Bench.Workloads;

/// <summary>(a) One orchestration calling trivial activities one after another: the per-activity round trip.</summary>
internal sealed class SequentialChainWorkload : IWorkload
{
    private const int Activities = 20;

    public string Key => "a";

    public string Title => $"one orchestration, {Activities} activities in sequence";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        await using var engines = await context.StartEnginesAsync();
        var runs = await context.RepeatAsync("a", engines, async (engine, _) =>
        {
            var before = engines.Baton.Host.Counters.Snapshot();
            var requests = engine.StorageRequests;
            var watch = Stopwatch.StartNew();
            var id = await engine.StartAsync(BenchTasks.Chain, Activities);
            await engine.CompletedAsync(id);
            watch.Stop();
            return (Elapsed: watch.Elapsed.TotalMilliseconds, Requests: engine.StorageRequests - requests, Counters: engines.Baton.Host.Counters.Snapshot().Minus(before));
        }, r => $"{r.Elapsed:F1} ms" + (r.Requests is { } requests ? $", {requests} storage requests" : ""));

        const string name = "a sequential x20";
        List<Metric> storage = runs.Baton[0].Requests is null
            ? []
            : [runs.Figure(name, "storage requests per activity", "requests", Better.Lower, r => r.Requests!.Value / (double)Activities)];
        return
        [
            runs.Figure(name, "total", "ms", Better.Lower, r => r.Elapsed),
            runs.Figure(name, "per activity", "ms", Better.Lower, r => r.Elapsed / Activities),
            .. storage,
            runs.BatonOnly(name, "orchestration steps", "count", r => r.Counters.Steps),
            runs.BatonOnly(name, "step time (replay+map)", "ms/step", r => r.Counters.StepTime.TotalMilliseconds / Math.Max(1, r.Counters.Steps)),
            runs.BatonOnly(name, "store calls per activity", "calls", r => r.Counters.WorkingCalls / (double)Activities),
        ];
    }
}
