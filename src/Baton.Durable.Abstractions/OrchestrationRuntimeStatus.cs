namespace Baton.Durable;

/// <summary>
/// The runtime status of an orchestration instance. Values and names match Durable Functions'
/// <c>OrchestrationRuntimeStatus</c>, so status payloads read the same on both engines.
/// </summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>The orchestration has started and has not finished.</summary>
    Running = 0,

    /// <summary>The orchestration returned a result.</summary>
    Completed = 1,

    /// <summary>The orchestration called ContinueAsNew and restarts with new input.</summary>
    ContinuedAsNew = 2,

    /// <summary>The orchestration threw an unhandled exception.</summary>
    Failed = 3,

    /// <summary>Reserved; Durable Functions never sets it either.</summary>
    Canceled = 4,

    /// <summary>The orchestration was terminated by a client.</summary>
    Terminated = 5,

    /// <summary>The orchestration is scheduled and has not started yet.</summary>
    Pending = 6,

    /// <summary>The orchestration is suspended: events are kept and nothing runs until it is resumed.</summary>
    Suspended = 7,
}

/// <summary>Helpers on <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for the statuses an instance never leaves on its own: Completed, Failed, Terminated and Canceled.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed
            or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated
            or OrchestrationRuntimeStatus.Canceled;
}
