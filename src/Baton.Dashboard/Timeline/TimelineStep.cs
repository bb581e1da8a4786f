namespace Baton.Dashboard;

/// <summary>
/// One bar of a run's timeline: an activity, agent or tool call paired with its completion, a timer with its firing,
/// a sub-workflow with its end, an approval wait with its decision, or a point event (zero length).
/// </summary>
internal sealed class TimelineStep(TimelineStepKind kind, string name, DateTime start)
{
    public TimelineStepKind Kind { get; } = kind;

    public string Name { get; set; } = name;

    public DateTime Start { get; } = start;

    /// <summary>When the step ended; null while it runs.</summary>
    public DateTime? End { get; set; }

    public TimelineStepStatus Status { get; set; } = TimelineStepStatus.Running;

    /// <summary>1 for a first call; n for the n-th call of the same activity with the same input after failures.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>The task id that pairs the step's events in the history.</summary>
    public int? TaskId { get; init; }

    public string? ActivityName { get; init; }

    public string? Input { get; init; }

    public string? Detail { get; set; }

    public string? Failure { get; set; }

    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public decimal? EstimatedCost { get; set; }

    public string? Model { get; set; }

    public string? ChildInstanceId { get; init; }

    /// <summary>For an approval step: the event whose arrival ends it; for an approval's timer: that approval's event.</summary>
    public string? EventName { get; init; }

    /// <summary>For an approval step: its deadline, after which the default decision applies.</summary>
    public DateTime? ExpiresAt { get; init; }

    public bool IsPoint { get; init; }

    /// <summary>For an agent or tool call: the key of its call record, which the run page shows in full.</summary>
    public string? CallKey { get; set; }

    public long? TotalTokens => InputTokens is null && OutputTokens is null ? null : (InputTokens ?? 0) + (OutputTokens ?? 0);

    /// <summary>The step's length, counting a running step up to <paramref name="openUntil"/>.</summary>
    public TimeSpan Duration(DateTime openUntil) => (End ?? openUntil) - Start;
}
