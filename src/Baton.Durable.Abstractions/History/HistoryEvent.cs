namespace Baton.Durable;

/// <summary>
/// One recorded event in an orchestration's history. A flat record so that stores can persist it as one row
/// and the HTTP API can show it as is; which optional fields are set depends on <see cref="EventType"/>.
/// </summary>
/// <param name="EventId">
/// For events the code causes (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated, EventSent), the task's
/// sequence number, stable across replays; -1 for all other events.
/// </param>
/// <param name="EventType">What happened.</param>
/// <param name="Timestamp">When it was recorded (UTC).</param>
public sealed record HistoryEvent(int EventId, HistoryEventType EventType, DateTime Timestamp)
{
    /// <summary>Activity, orchestrator, timer or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Serialized input: of the execution, the activity, the child, or the event's payload.</summary>
    public string? Input { get; init; }

    /// <summary>Serialized result: of the activity, the child or the execution.</summary>
    public string? Result { get; init; }

    /// <summary>For completions and fired timers: the <see cref="EventId"/> of the event that scheduled them.</summary>
    public int? TaskScheduledId { get; init; }

    /// <summary>For timers: when the timer is due (UTC).</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>For sub-orchestrations and sent events: the other instance's id.</summary>
    public string? InstanceId { get; init; }

    /// <summary>For ExecutionStarted: the id of this execution (a new one after ContinueAsNew).</summary>
    public string? ExecutionId { get; init; }

    /// <summary>For failures: what failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>For ExecutionCompleted: how the execution ended.</summary>
    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }

    /// <summary>For terminate, suspend and resume: the reason given.</summary>
    public string? Reason { get; init; }

    /// <summary>For events that arrived as messages: the message id, used to drop redelivered duplicates.</summary>
    public string? MessageId { get; init; }

    /// <summary>For ExecutionStarted of a sub-orchestration: who to tell when it finishes.</summary>
    public ParentInstance? Parent { get; init; }

    /// <summary>Tags given with the scheduled task.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>The parent of a sub-orchestration and the task in the parent that waits for it.</summary>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution id when it started the child.</param>
/// <param name="TaskScheduledId">The parent's task sequence number for this child.</param>
/// <param name="Name">The parent's orchestrator name.</param>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);
