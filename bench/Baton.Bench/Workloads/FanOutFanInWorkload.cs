using System.Diagnostics;
using Baton.Bench.Engines;
using Baton.Bench.Results;

namespace Baton.Bench.Workloads;

/// <summary>(b) One orchestration scheduling many trivial activities at once and waiting for all of them.</summary>
internal sealed class FanOutFanInWorkload : IWorkload
{
    public string Key => "b";

    public string Title => "fan-out/fan-in";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        int[] sizes = context.Options.Quick ? [50, 200] : [200, 1000];
        var metrics = new List<Metric>();
        await using var engines = await context.StartEnginesAsync();
        foreach (var size in sizes)
        {
            var runs = await context.RepeatAsync($"b {size}", engines, async (engine, _) =>
            {
                var before = engines.Baton.Host.Counters.Snapshot();
                var requests = engine.StorageRequests;
                var watch = Stopwatch.StartNew();
                var id = await engine.StartAsync(BenchTasks.FanOut, size);
                await engine.CompletedAsync(id);
                watch.Stop();
                return (Elapsed: watch.Elapsed.TotalMilliseconds, Requests: engine.StorageRequests - requests, Counters: engines.Baton.Host.Counters.Snapshot().Minus(before));
            }, r => $"{r.Elapsed:F1} ms" + (r.Requests is { } requests ? $", {requests} storage requests" : ""));

            var name = $"b fan-out x{size}";
            metrics.Add(runs.Figure(name, "wall time", "ms", Better.Lower, r => r.Elapsed));
            metrics.Add(runs.Figure(name, "throughput", "activities/s", Better.Higher, r => size / (r.Elapsed / 1000)));
            if (runs.Baton[0].Requests is not null)
            {
                metrics.Add(runs.Figure(name, "storage requests per activity", "requests", Better.Lower, r => r.Requests!.Value / (double)size));
            }

            metrics.Add(runs.BatonOnly(name, "orchestration steps", "count", r => r.Counters.Steps));
            metrics.Add(runs.BatonOnly(name, "time in steps (replay+map)", "ms", r => r.Counters.StepTime.TotalMilliseconds));
        }

        return metrics;
    }
}
