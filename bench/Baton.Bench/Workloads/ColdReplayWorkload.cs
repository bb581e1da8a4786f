using System.Diagnostics;
using Baton.Bench.Engines;
using Baton.Bench.Results;
using Baton.Bench.Stores;
using Baton.Durable;
using Baton.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Bench.Workloads;

/// <summary>
/// (f) A step that replays a long history: an orchestration runs a long chain of activities (four history events
/// each), then waits for an event; raising it costs one step that replays everything. Also replays the same
/// recorded history repeatedly through a worker on a <see cref="ReplayProbeStore"/> to time replay alone, and
/// derives the cost per event from a long and a short history.
/// </summary>
internal sealed class ColdReplayWorkload : IWorkload
{
    private const int ProbeRepeats = 20;

    public string Key => "f";

    public string Title => "step replaying a long history";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        var activities = context.Options.Quick ? 60 : 250;
        await using var host = await context.StartHostAsync(BenchTasks.Register);
        await using var probeHost = await DurableHost.StartAsync(
            BenchTasks.Register,
            services => services.AddSingleton<IOrchestrationStore, ReplayProbeStore>(),
            configureWorker: o =>
            {
                o.MaxConcurrentOrchestratorFunctions = 1;
                o.MaxConcurrentActivityFunctions = 1;
            });
        var probe = (ReplayProbeStore)probeHost.Store;

        var runs = await context.RepeatAsync("f", async warmUp =>
        {
            var count = warmUp ? Math.Min(activities, 40) : activities;
            var (shortId, shortHistory, shortRow) = await BuildAsync(host, 0);
            var (id, history, row) = await BuildAsync(host, count);

            // The same chain run to completion, timed: sequential activities while the history grows.
            var beforeChain = host.Counters.Snapshot();
            var build = Stopwatch.StartNew();
            await BenchContext.CompletedAsync(host.Client, await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.Chain, count));
            build.Stop();
            var chain = host.Counters.Snapshot().Minus(beforeChain);

            // Replay alone, many times, on the probe: long history and short history.
            var longReplay = await ProbeAsync(probe, id, history, row);
            var shortReplay = await ProbeAsync(probe, shortId, shortHistory, shortRow);

            // The real step: raise the event the orchestration waits for; one step replays the whole history.
            var before = host.Counters.Snapshot();
            var watch = Stopwatch.StartNew();
            await host.Client.RaiseEventAsync(id, BenchTasks.EventName, "ok");
            await BenchContext.CompletedAsync(host.Client, id);
            watch.Stop();
            var step = host.Counters.Snapshot().Minus(before);
            await host.Client.RaiseEventAsync(shortId, BenchTasks.EventName, "ok");

            return (
                Count: count,
                Events: history.Count,
                Build: build.Elapsed.TotalMilliseconds,
                ChainSteps: chain.StepTime.TotalMilliseconds,
                Gen2: GC.CollectionCount(2),
                Step: watch.Elapsed.TotalMilliseconds,
                StepTime: step.StepTime.TotalMilliseconds,
                LongReplay: longReplay,
                ShortReplay: shortReplay,
                PerEvent: (longReplay - shortReplay) * 1000 / (history.Count - shortHistory.Count));
        }, r => $"{r.Events} events: raise->completed {r.Step:F2} ms (step {r.StepTime:F2} ms); replay alone {r.LongReplay:F3} ms vs {r.ShortReplay:F3} ms for {r.Events} vs few events; chain of {r.Count} {r.Build:F0} ms ({r.ChainSteps:F0} ms in steps; gen2 collections so far {r.Gen2})");

        var name = $"f replay {runs[0].Events} events";
        var chains = await ChainOnEnginesAsync(context, activities);
        return
        [
            chains.Figure(name, $"chain of {activities}, per activity (both engines)", "ms", Better.Lower, r => r / activities),
            new Metric(name, "history events", "events", [.. runs.Select(r => (double)r.Events)]),
            new Metric(name, "raise -> completed (one full replay)", "ms", [.. runs.Select(r => r.Step)]),
            new Metric(name, "that step, lock to commit", "ms", [.. runs.Select(r => r.StepTime)]),
            new Metric(name, "replay alone, long history (probe)", "ms", [.. runs.Select(r => r.LongReplay)]),
            new Metric(name, "replay alone, short history (probe)", "ms", [.. runs.Select(r => r.ShortReplay)]),
            new Metric(name, "replay per event", "us", [.. runs.Select(r => r.PerEvent)]),
            new Metric(name, $"chain of {activities} to completion", "ms", [.. runs.Select(r => r.Build)]),
            new Metric(name, "  per activity (history growing)", "ms", [.. runs.Select(r => r.Build / activities)]),
            new Metric(name, "  of which in steps (replay+map)", "ms", [.. runs.Select(r => r.ChainSteps)]),
        ];
    }

    /// <summary>The chain of <paramref name="activities"/> to completion on each engine, its history growing all along.</summary>
    private static async Task<EngineRuns<double>> ChainOnEnginesAsync(BenchContext context, int activities)
    {
        await using var engines = await context.StartEnginesAsync();
        return await context.RepeatAsync("f chain", engines, async (engine, warmUp) =>
        {
            var watch = Stopwatch.StartNew();
            await engine.CompletedAsync(await engine.StartAsync(BenchTasks.Chain, warmUp ? 20 : activities));
            return watch.Elapsed.TotalMilliseconds;
        }, r => $"{r:F0} ms");
    }

    /// <summary>Runs the chain and waits until the orchestration has committed the step that waits for the event.</summary>
    private static async Task<(string Id, IReadOnlyList<HistoryEvent> History, InstanceState Row)> BuildAsync(BenchHost host, int activities)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.ChainThenWait, activities);
        var history = await BenchContext.HistoryWhenAsync(host.Client, id, h =>
            h.Count(e => e.EventType == HistoryEventType.TaskCompleted) == activities &&
            h.Count > 0 && h[^1].EventType == HistoryEventType.OrchestratorCompleted &&
            h.Count(e => e.EventType == HistoryEventType.TaskScheduled) == activities);
        var row = await host.Host.Store.GetInstanceAsync(id, includePayloads: true)
            ?? throw new InvalidOperationException($"Instance {id} has no row.");
        return (id, history, row);
    }

    /// <summary>Median time of a worker step that replays <paramref name="history"/> and then receives the event.</summary>
    private static async Task<double> ProbeAsync(ReplayProbeStore probe, string id, IReadOnlyList<HistoryEvent> history, InstanceState row)
    {
        var samples = new List<double>();
        for (var i = 0; i < ProbeRepeats; i++)
        {
            var raised = new OrchestrationMessage(id, new HistoryEvent(-1, HistoryEventType.EventRaised, DateTime.UtcNow)
            {
                Name = BenchTasks.EventName,
                Input = "\"ok\"",
            });
            var workItem = new OrchestrationWorkItem { InstanceId = id, Messages = [raised], History = history, Instance = row };
            var (result, elapsed) = await probe.StepAsync(workItem, BenchContext.Timeout());
            if (result.Instance?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"The replayed step of {id} ended {result.Instance?.RuntimeStatus}, not Completed.");
            }

            samples.Add(elapsed.TotalMilliseconds);
        }

        return new Metric("", "", "", samples).Median;
    }
}
