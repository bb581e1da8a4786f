using System.Diagnostics;
using Baton.Bench.Results;

namespace Baton.Bench.Workloads;

/// <summary>(c) Many orchestrations started at once, each a short chain: throughput of whole orchestrations.</summary>
internal sealed class ConcurrentOrchestrationsWorkload : IWorkload
{
    private const int ActivitiesEach = 3;

    public string Key => "c";

    public string Title => "orchestrations started at once";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        var count = context.Options.Quick ? 20 : 100;
        await using var host = await context.StartHostAsync(BenchTasks.Register);
        var runs = await context.RepeatAsync("c", async _ =>
        {
            var before = host.Counters.Snapshot();
            var watch = Stopwatch.StartNew();
            var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
                host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.Chain, ActivitiesEach)));
            var scheduled = watch.Elapsed.TotalMilliseconds;
            await Task.WhenAll(ids.Select(id => BenchContext.CompletedAsync(host.Client, id)));
            watch.Stop();
            return (Elapsed: watch.Elapsed.TotalMilliseconds, Scheduled: scheduled, Counters: host.Counters.Snapshot().Minus(before));
        }, r => $"{r.Elapsed:F1} ms (all scheduled after {r.Scheduled:F1} ms), {r.Counters.Steps} steps" + (r.Counters.StorageRequests is { } requests ? $", {requests} storage requests" : ""));

        var name = $"c {count} orch x{ActivitiesEach}";
        List<Metric> storage = runs[0].Counters.StorageRequests is null
            ? []
            : [new Metric(name, "storage requests per activity", "requests", [.. runs.Select(r => r.Counters.StorageRequests!.Value / (double)(count * ActivitiesEach))])];
        return
        [
            new Metric(name, "all complete", "ms", [.. runs.Select(r => r.Elapsed)]),
            new Metric(name, "throughput", "orch/s", [.. runs.Select(r => count / (r.Elapsed / 1000))]),
            new Metric(name, "throughput", "activities/s", [.. runs.Select(r => count * ActivitiesEach / (r.Elapsed / 1000))]),
            new Metric(name, "orchestration steps", "count", [.. runs.Select(r => (double)r.Counters.Steps)]),
            .. storage,
        ];
    }
}
