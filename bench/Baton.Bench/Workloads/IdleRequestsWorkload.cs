using System.Diagnostics;
using Baton.Bench.Results;
using Baton.Durable.AzureStorage;

namespace Baton.Bench.Workloads;

/// <summary>
/// (g) What an idle engine costs its storage account: a started host that has run one orchestration and owns its
/// partitions, left alone; storage requests per second over <see cref="Window"/>, by kind. Only for stores that count
/// their requests.
/// </summary>
internal sealed class IdleRequestsWorkload : IWorkload
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(4);

    public string Key => "g";

    public string Title => $"idle storage requests per second ({Window.TotalSeconds:F0} s window)";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        if (context.Store.StorageRequests is null)
        {
            Console.WriteLine("  (skipped: this store does not count storage requests)");
            return [];
        }

        await using var host = await context.StartHostAsync(BenchTasks.Register);
        await BenchContext.CompletedAsync(host.Client, await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.Chain, 1));
        var azure = host.Counters.Inner as AzureStorageOrchestrationStore;
        var deadline = Stopwatch.StartNew();
        while (azure is not null && azure.OwnedPartitionCount == 0 && deadline.Elapsed < BenchContext.Deadline)
        {
            await Task.Delay(100);
        }

        // Let the polls back off to their slowest, as after any quiet spell.
        await Task.Delay(SettleTime);
        var kinds = azure?.RequestCounter.ByKind;
        var perSecond = new List<double>();
        var watch = Stopwatch.StartNew();
        var last = context.Store.StorageRequests!.Value;
        var first = last;
        for (var second = 1; second <= Window.TotalSeconds; second++)
        {
            var wait = TimeSpan.FromSeconds(second) - watch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var now = context.Store.StorageRequests!.Value;
            perSecond.Add(now - last);
            last = now;
        }

        var rate = (last - first) / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  g: {rate:F2} requests/s over {watch.Elapsed.TotalSeconds:F1} s");
        if (kinds is not null && azure is not null)
        {
            var after = azure.RequestCounter.ByKind;
            foreach (var (kind, count) in after.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                var delta = count - kinds.GetValueOrDefault(kind);
                if (delta > 0)
                {
                    Console.WriteLine($"     {kind,-24} {delta / watch.Elapsed.TotalSeconds:F2}/s");
                }
            }
        }

        const string name = "g idle";
        return
        [
            new Metric(name, "storage requests per second", "requests/s", [rate]),
            new Metric(name, "  each second of the window", "requests", perSecond),
        ];
    }
}
