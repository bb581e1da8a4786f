namespace Baton.Durable.Storage;

/// <summary>
/// A history event addressed to an instance: how work reaches an orchestration (started, task completed, timer
/// fired, event raised, terminate, suspend, resume) and how an activity is asked to run (TaskScheduled).
/// Stores deliver messages at least once; the engine drops duplicates by (instance, execution, event id) and by
/// <see cref="MessageId"/>.
/// </summary>
/// <param name="InstanceId">The instance the message is for.</param>
/// <param name="Event">What happened or is asked for.</param>
public sealed record OrchestrationMessage(string InstanceId, HistoryEvent Event)
{
    /// <summary>A unique id, kept when the message is redelivered.</summary>
    public string MessageId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>The execution the message belongs to; null for messages from clients, which go to the current one.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>Deliver no earlier than this time (UTC); null for at once. Timers and delayed starts use it.</summary>
    public DateTime? VisibleAt { get; init; }

    /// <summary>How many times the store has handed this message out, this time included. Set by the store.</summary>
    public int DequeueCount { get; init; }

    /// <summary>W3C trace context of the work that sent the message, to link spans across processes.</summary>
    public string? TraceParent { get; init; }
}
