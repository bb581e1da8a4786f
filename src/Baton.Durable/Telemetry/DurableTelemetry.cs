using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Baton.Durable.Telemetry;

/// <summary>
/// The engine's OpenTelemetry sources. Every run has one trace: its id is fixed when the run is scheduled and recorded
/// in the ExecutionStarted event (tag <see cref="TraceParentTag"/>), so spans of later steps, activities and children
/// join it even after a restart or in another process. Subscribe with
/// <c>AddSource(DurableTelemetry.SourceName)</c> and <c>AddMeter(DurableTelemetry.MeterName)</c>.
/// </summary>
public static class DurableTelemetry
{
    /// <summary>The ActivitySource name for orchestration steps and activities.</summary>
    public const string SourceName = "Baton.Durable";

    /// <summary>The Meter name for run and activity metrics.</summary>
    public const string MeterName = "Baton.Durable";

    /// <summary>The history event tag that holds a run's W3C trace parent.</summary>
    public const string TraceParentTag = "traceparent";

    internal static readonly ActivitySource Source = new(SourceName, typeof(DurableTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(MeterName, typeof(DurableTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> RunsStarted = Meter.CreateCounter<long>("baton.runs.started", description: "Orchestration executions started.");

    internal static readonly Counter<long> RunsFinished = Meter.CreateCounter<long>("baton.runs.finished", description: "Orchestration executions that completed, failed or were terminated, by status.");

    internal static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("baton.orchestration.step.duration", "ms", "Time to replay and commit one orchestration step.");

    internal static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram<double>("baton.activity.duration", "ms", "Time an activity ran, by name and outcome.");

    /// <summary>
    /// A trace parent for a new run, always marked as sampled: the caller's current span when it is recorded; else the
    /// caller's trace id (or a new one) with a new span id. A run's spans are then kept by parent-based samplers even
    /// when it was scheduled from an unsampled context (an HTTP request nobody traced), and a run always has a trace id.
    /// </summary>
    public static string NewRunTraceParent()
    {
        var current = Activity.Current;
        if (current is { IdFormat: ActivityIdFormat.W3C } && current.ActivityTraceFlags.HasFlag(ActivityTraceFlags.Recorded))
        {
            return current.Id!;
        }

        var traceId = current is { IdFormat: ActivityIdFormat.W3C } ? current.TraceId : ActivityTraceId.CreateRandom();
        return $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";
    }

    /// <summary>Parses a W3C trace parent; default when absent or malformed.</summary>
    internal static ActivityContext Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
}
