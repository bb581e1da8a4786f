using System.Globalization;
using Baton.Bench.Engines;
using Baton.Bench.Results;

namespace Baton.Bench.Workloads;

/// <summary>
/// (e) A durable timer on the real clock, end to end: from its due time (the FireAt the orchestration computed, which
/// it returns as its output) to the moment the client in this process sees the orchestration completed. That covers
/// the timer message arriving, the step that records it committing, and the client noticing. Negative would be early.
/// A bare .NET timer's lateness on the same clock is the floor.
/// </summary>
internal sealed class DurableTimerWorkload : IWorkload
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    public string Key => "e";

    public string Title => $"{Delay.TotalSeconds:F0} s durable timer, end to end";

    public async Task<IReadOnlyList<Metric>> RunAsync(BenchContext context)
    {
        await using var engines = await context.StartEnginesAsync();
        var runs = await context.RepeatAsync("e", engines, async (engine, warmUp) =>
        {
            var delay = warmUp ? TimeSpan.FromMilliseconds(200) : Delay;
            var baseline = PlainTimerLatenessAsync(delay);
            var id = await engine.StartAsync(BenchTasks.Sleep, (int)delay.TotalMilliseconds);
            var output = await engine.CompletedAsync(id);
            var seen = DateTime.UtcNow;
            var due = DateTime.Parse(System.Text.Json.JsonSerializer.Deserialize<string>(output!)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();
            return (Seen: (seen - due).TotalMilliseconds, Baseline: await baseline);
        }, r => $"client saw completion {r.Seen:+0.0;-0.0} ms from due (a bare timer: {r.Baseline:+0.0;-0.0} ms)");

        foreach (var (engine, results) in new[] { ("Baton", runs.Baton), ("DTFx", runs.Peer ?? []) })
        {
            if (results.Count(r => r.Seen < 0) is > 0 and var early)
            {
                context.Note($"(e) {engine}: {early} of {results.Count} timers completed before their due time (up to {-results.Min(r => r.Seen):F0} ms early).");
            }
        }

        const string name = "e timer 2 s";
        return
        [
            runs.Figure(name, "due -> client sees completion", "ms", Better.Lower, r => r.Seen),
            runs.BatonOnly(name, "baseline: bare .NET timer lateness", "ms", r => r.Baseline),
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
