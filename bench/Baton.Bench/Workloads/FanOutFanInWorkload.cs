using System.Diagnostics;
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
        await using var host = await context.StartHostAsync(BenchTasks.Register);
        foreach (var size in sizes)
        {
            var runs = await context.RepeatAsync($"b {size}", async _ =>
            {
                var before = host.Counters.Snapshot();
                var watch = Stopwatch.StartNew();
                var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.FanOut, size);
                await BenchContext.CompletedAsync(host.Client, id);
                watch.Stop();
                return (Elapsed: watch.Elapsed.TotalMilliseconds, Counters: host.Counters.Snapshot().Minus(before));
            }, r => $"{r.Elapsed:F1} ms, {r.Counters.Steps} steps, {r.Counters.StepTime.TotalMilliseconds:F0} ms in steps, {r.Counters.StepHistoryEvents} events replayed" + (r.Counters.StorageRequests is { } requests ? $", {requests} storage requests" : ""));

            var name = $"b fan-out x{size}";
            metrics.Add(new Metric(name, "wall time", "ms", [.. runs.Select(r => r.Elapsed)]));
            metrics.Add(new Metric(name, "throughput", "activities/s", [.. runs.Select(r => size / (r.Elapsed / 1000))]));
            metrics.Add(new Metric(name, "orchestration steps", "count", [.. runs.Select(r => (double)r.Counters.Steps)]));
            metrics.Add(new Metric(name, "time in steps (replay+map)", "ms", [.. runs.Select(r => r.Counters.StepTime.TotalMilliseconds)]));
            metrics.Add(new Metric(name, "events replayed", "events", [.. runs.Select(r => (double)r.Counters.StepHistoryEvents)]));
            if (runs[0].Counters.StorageRequests is not null)
            {
                metrics.Add(new Metric(name, "storage requests per activity", "requests", [.. runs.Select(r => r.Counters.StorageRequests!.Value / (double)size)]));
            }
        }

        return metrics;
    }
}
