using System.Diagnostics;
using Baton.Bench.CrossProcess;
using Baton.Bench.Results;
using Baton.Durable;

namespace Baton.Bench.Workloads;

/// <summary>
/// (d) An orchestration waits for an event; a client raises it and this process waits for completion. Measured from
/// the raise to the moment <see cref="DurableTaskClient.WaitForInstanceCompletionAsync"/> returns here. Twice when
/// the store can be shared between processes: with the client in this process, and with the client in a child
/// process (this program in <c>--raise-client</c> mode) whose message reaches this process through storage alone.
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
                var id = await StartWaitingAsync(host);
                var watch = Stopwatch.StartNew();
                await host.Client.RaiseEventAsync(id, BenchTasks.EventName, "ok");
                var raised = watch.Elapsed.TotalMilliseconds;
                await BenchContext.CompletedAsync(host.Client, id);
                samples.Add((watch.Elapsed.TotalMilliseconds, raised));
            }

            return samples;
        }, r => $"median {Median(r.Select(s => s.Total)):F3} ms, max {r.Max(s => s.Total):F3} ms");

        const string name = "d event round trip";
        var metrics = new List<Metric>
        {
            new(name, "raise -> completed (in-proc client)", "ms", [.. runs.SelectMany(r => r.Select(s => s.Total))], Spread.P99),
            new(name, "RaiseEventAsync call", "ms", [.. runs.SelectMany(r => r.Select(s => s.Raise))], Spread.P99),
        };

        if (context.Store.ClientProcessArguments(host.Counters.Inner) is { } arguments)
        {
            metrics.AddRange(await CrossProcessAsync(context, host, arguments));
        }

        return metrics;
    }

    private static async Task<IReadOnlyList<Metric>> CrossProcessAsync(BenchContext context, BenchHost host, IReadOnlyList<string> arguments)
    {
        await using var child = await RaiseClientProcess.StartAsync(arguments, BenchContext.Timeout());
        var runs = await context.RepeatAsync("d cross-process", async _ =>
        {
            var samples = new List<(double Total, double Raise)>();
            for (var i = 0; i < PerRun; i++)
            {
                var id = await StartWaitingAsync(host);
                var completion = BenchContext.CompletedAsync(host.Client, id);
                var (start, end) = await child.RaiseAsync(id, BenchContext.Timeout());
                await completion;
                var done = Stopwatch.GetTimestamp();
                samples.Add((Stopwatch.GetElapsedTime(start, done).TotalMilliseconds, Stopwatch.GetElapsedTime(start, end).TotalMilliseconds));
            }

            return samples;
        }, r => $"median {Median(r.Select(s => s.Total)):F3} ms, max {r.Max(s => s.Total):F3} ms");

        const string name = "d event round trip";
        return
        [
            new(name, "raise -> completed (client in another process)", "ms", [.. runs.SelectMany(r => r.Select(s => s.Total))], Spread.P99),
            new(name, "RaiseEventAsync call (other process)", "ms", [.. runs.SelectMany(r => r.Select(s => s.Raise))], Spread.P99),
        ];
    }

    private static async Task<string> StartWaitingAsync(BenchHost host)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.ChainThenWait, 0);

        // Running is written when the first step commits, so the orchestration is waiting for the event by now.
        await host.Client.WaitForInstanceStartAsync(id, cancellation: BenchContext.Timeout());
        return id;
    }

    private static double Median(IEnumerable<double> values) => new Metric("", "", "", [.. values]).Median;
}
