using Baton.Durable;
using Baton.Workflows.Hosting;
using Core = DurableTask.Core;
using CoreHistory = DurableTask.Core.History;

namespace Baton.Functions.Adapter;

/// <summary>
/// Durable Functions' history events as Baton's <see cref="HistoryEvent"/>, one line per event type. Events Baton has no
/// kind for (generic, history-state, rewind) are left out.
/// </summary>
internal static class FunctionsHistory
{
    public static IReadOnlyList<HistoryEvent> ToBaton(IEnumerable<CoreHistory.HistoryEvent> history) =>
        [.. history.Select(ToBaton).OfType<HistoryEvent>()];

    private static HistoryEvent? ToBaton(CoreHistory.HistoryEvent e) => e switch
    {
        CoreHistory.OrchestratorStartedEvent => Event(e, HistoryEventType.OrchestratorStarted),
        CoreHistory.OrchestratorCompletedEvent => Event(e, HistoryEventType.OrchestratorCompleted),
        CoreHistory.ExecutionStartedEvent s => Event(e, HistoryEventType.ExecutionStarted) with { Name = s.Name, Input = s.Input, ExecutionId = s.OrchestrationInstance?.ExecutionId, Tags = s.Tags?.AsReadOnly() },
        CoreHistory.ExecutionCompletedEvent c => Event(e, HistoryEventType.ExecutionCompleted) with { Result = c.Result, OrchestrationStatus = (OrchestrationRuntimeStatus)c.OrchestrationStatus, FailureDetails = Failure(c.FailureDetails) },
        CoreHistory.ExecutionTerminatedEvent t => Event(e, HistoryEventType.ExecutionTerminated) with { Input = t.Input },
        CoreHistory.ExecutionSuspendedEvent s => Event(e, HistoryEventType.ExecutionSuspended) with { Reason = s.Reason },
        CoreHistory.ExecutionResumedEvent r => Event(e, HistoryEventType.ExecutionResumed) with { Reason = r.Reason },
        CoreHistory.TaskScheduledEvent s => Event(e, HistoryEventType.TaskScheduled) with { Name = s.Name, Input = s.Input, Tags = s.Tags?.AsReadOnly() },
        CoreHistory.TaskCompletedEvent c => Event(e, HistoryEventType.TaskCompleted) with { TaskScheduledId = c.TaskScheduledId, Result = c.Result },
        CoreHistory.TaskFailedEvent f => Event(e, HistoryEventType.TaskFailed) with { TaskScheduledId = f.TaskScheduledId, FailureDetails = Failure(f.FailureDetails) ?? Failure(f.Reason, f.Details) },
        CoreHistory.SubOrchestrationInstanceCreatedEvent s => Event(e, HistoryEventType.SubOrchestrationInstanceCreated) with { Name = s.Name, Input = s.Input, InstanceId = s.InstanceId },
        CoreHistory.SubOrchestrationInstanceCompletedEvent c => Event(e, HistoryEventType.SubOrchestrationInstanceCompleted) with { TaskScheduledId = c.TaskScheduledId, Result = c.Result },
        CoreHistory.SubOrchestrationInstanceFailedEvent f => Event(e, HistoryEventType.SubOrchestrationInstanceFailed) with { TaskScheduledId = f.TaskScheduledId, FailureDetails = Failure(f.FailureDetails) ?? Failure(f.Reason, f.Details) },
        CoreHistory.TimerCreatedEvent t => Event(e, HistoryEventType.TimerCreated) with { FireAt = t.FireAt },
        CoreHistory.TimerFiredEvent t => Event(e, HistoryEventType.TimerFired) with { TaskScheduledId = t.TimerId, FireAt = t.FireAt },
        CoreHistory.EventRaisedEvent r => Event(e, HistoryEventType.EventRaised) with { Name = r.Name, Input = r.Input },
        CoreHistory.EventSentEvent s => Event(e, HistoryEventType.EventSent) with { Name = s.Name, Input = s.Input, InstanceId = s.InstanceId },
        _ => null,
    };

    private static HistoryEvent Event(CoreHistory.HistoryEvent e, HistoryEventType type) => new(e.EventId, type, e.Timestamp);

    private static TaskFailureDetails? Failure(Core.FailureDetails? failure) =>
        failure is null ? null : DurableFailureCodec.FromHostFailure(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, Failure(failure.InnerFailure));

    private static TaskFailureDetails? Failure(string? reason, string? details) =>
        reason is null ? null : DurableFailureCodec.FromHostFailure("Exception", reason, details, null);
}
