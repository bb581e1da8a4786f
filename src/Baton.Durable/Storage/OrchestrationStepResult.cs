namespace Baton.Durable.Storage;

/// <summary>
/// What one orchestration step produced, to be committed by the store. The store's commit order is what makes
/// a crash at any point recoverable: send <see cref="ActivityMessages"/> and <see cref="OrchestratorMessages"/>,
/// then write history and the instance row (under the optimistic-concurrency check of the work item), then
/// delete the consumed messages. Redelivery after a crash is harmless because the engine drops duplicates.
/// </summary>
public sealed class OrchestrationStepResult
{
    /// <summary>
    /// True when this step starts a new execution: the stored history is replaced by <see cref="NewEvents"/>
    /// instead of being appended to.
    /// </summary>
    public bool NewExecution { get; init; }

    /// <summary>Events to append to history (or the whole history when <see cref="NewExecution"/>).</summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    /// <summary>
    /// The instance row after the step; null when the step only dropped messages (for an instance that does not
    /// exist, say): then the store writes no row and no history and just deletes the consumed messages.
    /// </summary>
    public required InstanceState? Instance { get; init; }

    /// <summary>
    /// Set when the messages cannot be processed yet: they arrived before the start of their instance, whose row says it
    /// is on its way. Nothing is committed; the worker hands them back with
    /// <see cref="IOrchestrationStore.DeferOrchestrationWorkItemAsync"/> to be tried again after this wall-clock delay.
    /// </summary>
    public TimeSpan? DeferFor { get; init; }

    /// <summary>Activities to schedule.</summary>
    public IReadOnlyList<OrchestrationMessage> ActivityMessages { get; init; } = [];

    /// <summary>Messages for orchestrations: children to start, events to send, parents to tell, timers for this instance (delayed).</summary>
    public IReadOnlyList<OrchestrationMessage> OrchestratorMessages { get; init; } = [];
}
