using Baton.Bench.Results;
using Baton.Durable;

namespace Baton.Bench.Workloads;

/// <summary>
/// (e) A durable timer on the real clock: how far from its due time (the history's TimerCreated.FireAt) the timer
/// fires, the instance completes, and the client sees it. Negative means early.
/// </summary>
internal sealed class DurableTimerWorkload : IWorkload
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    public string Key => "e";

    public string Title => $"{Delay.TotalSeconds:F0} s durable timer";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        await using var host = await context.StartHostAsync(BenchTasks.Register);
        var runs = await context.RepeatAsync("e", async warmUp =>
        {
            var delay = warmUp ? TimeSpan.FromMilliseconds(200) : Delay;
            var before = host.Counters.Snapshot();
            var baseline = PlainTimerLatenessAsync(delay);
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchTasks.Sleep, (int)delay.TotalMilliseconds);
            var done = await BenchContext.CompletedAsync(host.Client, id, getInputsAndOutputs: true);
            var seen = DateTime.UtcNow;
            var steps = host.Counters.Snapshot().Minus(before).Steps;
            var history = await host.Client.GetInstanceHistoryAsync(id) ?? [];
            var created = history.Single(e => e.EventType == HistoryEventType.TimerCreated);
            var fired = history.Single(e => e.EventType == HistoryEventType.TimerFired);
            var due = created.FireAt!.Value;
            var resumedAt = DateTime.Parse(done.ReadOutputAs<string>()!, null, System.Globalization.DateTimeStyles.RoundtripKind).ToUniversalTime();
            return (
                Fired: (fired.Timestamp - due).TotalMilliseconds,
                Resumed: (resumedAt - due).TotalMilliseconds,
                Completed: (done.CompletedAt!.Value.UtcDateTime - due).TotalMilliseconds,
                Seen: (seen - due).TotalMilliseconds,
                Baseline: await baseline,
                Steps: steps,
                Requested: (due - created.Timestamp).TotalMilliseconds);
        }, r => $"completed {r.Completed:+0.0;-0.0} ms from due, client saw it {r.Seen:+0.0;-0.0} ms from due (timer of {r.Requested:F0} ms, {r.Steps} steps)");

        if (runs.Any(r => r.Steps > 2))
        {
            context.Note($"(e) {runs.Count(r => r.Steps > 2)} of {runs.Count} timers took 3+ steps: the timer message arrived before FireAt on the wall clock and the engine handed it back to wait out the rest.");
        }

        if (runs.Any(r => r.Completed < 0 || r.Resumed < 0))
        {
            context.Note("(e) a timer completed before its due time: the engine must not fire timers early.");
        }

        const string name = "e timer 2 s";
        return
        [
            new Metric(name, "TimerFired.Timestamp - FireAt", "ms", [.. runs.Select(r => r.Fired)]),
            new Metric(name, "code resumes (CurrentUtcDateTime) - FireAt", "ms", [.. runs.Select(r => r.Resumed)]),
            new Metric(name, "CompletedAt - FireAt", "ms", [.. runs.Select(r => r.Completed)]),
            new Metric(name, "client sees completion - FireAt", "ms", [.. runs.Select(r => r.Seen)]),
            new Metric(name, "baseline: plain .NET timer lateness", "ms", [.. runs.Select(r => r.Baseline)]),
            new Metric(name, "orchestration steps (2 = no re-arm)", "count", [.. runs.Select(r => (double)r.Steps)]),
        ];
    }

    /// <summary>How late a bare <see cref="TimeProvider.System"/> timer fires, measured on the same wall clock.</summary>
    private static async Task<double> PlainTimerLatenessAsync(TimeSpan delay)
    {
        var fired = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        var due = DateTime.UtcNow + delay;
        using var timer = TimeProvider.System.CreateTimer(_ => fired.TrySetResult(DateTime.UtcNow), null, delay, Timeout.InfiniteTimeSpan);
        return ((await fired.Task) - due).TotalMilliseconds;
    }
}
