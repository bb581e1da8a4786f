using System.Diagnostics;
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
        await using var host = await context.StartHostAsync(BenchTasks.Register);
        var runs = await context.RepeatAsync("a", async _ =>
        {
            var before = host.Counters.Snapshot();
            var watch = Stopwatch.StartNew();
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.Chain, Activities);
            await BenchContext.CompletedAsync(host.Client, id);
            watch.Stop();
            return (Elapsed: watch.Elapsed.TotalMilliseconds, Counters: host.Counters.Snapshot().Minus(before));
        }, r => $"{r.Elapsed:F1} ms" + (r.Counters.StorageRequests is { } requests ? $", {requests} storage requests" : ""));

        const string name = "a sequential x20";
        List<Metric> storage = runs[0].Counters.StorageRequests is null
            ? []
            : [new Metric(name, "storage requests per activity", "requests", [.. runs.Select(r => r.Counters.StorageRequests!.Value / (double)Activities)])];
        return
        [
            new Metric(name, "total", "ms", [.. runs.Select(r => r.Elapsed)]),
            new Metric(name, "per activity", "ms", [.. runs.Select(r => r.Elapsed / Activities)]),
            new Metric(name, "orchestration steps", "count", [.. runs.Select(r => (double)r.Counters.Steps)]),
            new Metric(name, "step time (replay+map)", "ms/step", [.. runs.Select(r => r.Counters.StepTime.TotalMilliseconds / Math.Max(1, r.Counters.Steps))]),
            new Metric(name, "store calls per activity", "calls", [.. runs.Select(r => r.Counters.WorkingCalls / (double)Activities)]),
            .. storage,
        ];
    }
}
