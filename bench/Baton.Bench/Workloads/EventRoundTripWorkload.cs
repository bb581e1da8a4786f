using System.Diagnostics;
using Baton.Bench.Results;
using Baton.Durable;

namespace Baton.Bench.Workloads;

/// <summary>
/// (d) An orchestration waits for an event; the client raises it and waits for completion. Measured from the raise
/// to the moment <see cref="DurableTaskClient.WaitForInstanceCompletionAsync"/> returns; client in this process.
/// </summary>
internal sealed class EventRoundTripWorkload : IWorkload
{
    private const int PerRun = 10;

    public string Key => "d";

    public string Title => "external event round trip";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        await using var host = await context.StartHostAsync(BenchTasks.Register);
        var runs = await context.RepeatAsync("d", async _ =>
        {
            var samples = new List<(double Total, double Raise)>();
            for (var i = 0; i < PerRun; i++)
            {
                var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.ChainThenWait, 0);

                // Running is written when the first step commits, so the orchestration is waiting for the event by now.
                await host.Client.WaitForInstanceStartAsync(id, cancellation: BenchContext.Timeout());
                var watch = Stopwatch.StartNew();
                await host.Client.RaiseEventAsync(id, BenchTasks.EventName, "ok");
                var raised = watch.Elapsed.TotalMilliseconds;
                await BenchContext.CompletedAsync(host.Client, id);
                samples.Add((watch.Elapsed.TotalMilliseconds, raised));
            }

            return samples;
        }, r => $"median {Median(r.Select(s => s.Total)):F3} ms, max {r.Max(s => s.Total):F3} ms");

        const string name = "d event round trip";
        return
        [
            new Metric(name, "raise -> completed (in-proc client)", "ms", [.. runs.SelectMany(r => r.Select(s => s.Total))], Spread.P99),
            new Metric(name, "RaiseEventAsync call", "ms", [.. runs.SelectMany(r => r.Select(s => s.Raise))], Spread.P99),
        ];
    }

    private static double Median(IEnumerable<double> values) => new Metric("", "", "", [.. values]).Median;
}
