namespace Baton.Durable;

/// <summary>The kinds of event an orchestration's history holds; names follow the Durable Task Framework's.</summary>
public enum HistoryEventType
{
    /// <summary>A step began; its timestamp is the step's <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.</summary>
    OrchestratorStarted,

    /// <summary>A step ended.</summary>
    OrchestratorCompleted,

    /// <summary>The execution started with its input.</summary>
    ExecutionStarted,

    /// <summary>The execution ended: completed, failed or continued as new.</summary>
    ExecutionCompleted,

    /// <summary>A client terminated the instance.</summary>
    ExecutionTerminated,

    /// <summary>A client suspended the instance.</summary>
    ExecutionSuspended,

    /// <summary>A client resumed the instance.</summary>
    ExecutionResumed,

    /// <summary>The code scheduled an activity.</summary>
    TaskScheduled,

    /// <summary>An activity returned.</summary>
    TaskCompleted,

    /// <summary>An activity failed.</summary>
    TaskFailed,

    /// <summary>The code started a sub-orchestration.</summary>
    SubOrchestrationInstanceCreated,

    /// <summary>A sub-orchestration completed.</summary>
    SubOrchestrationInstanceCompleted,

    /// <summary>A sub-orchestration failed or was terminated.</summary>
    SubOrchestrationInstanceFailed,

    /// <summary>The code created a durable timer.</summary>
    TimerCreated,

    /// <summary>A durable timer fired.</summary>
    TimerFired,

    /// <summary>An external event arrived.</summary>
    EventRaised,

    /// <summary>The code sent an event to another instance.</summary>
    EventSent,
}
