using Microsoft.Extensions.Logging;

namespace Baton.Durable;

/// <summary>The engine's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Durable worker started: {OrchestrationSlots} orchestration and {ActivitySlots} activity slots.")]
    public static partial void WorkerStarted(ILogger logger, int orchestrationSlots, int activitySlots);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Durable worker stopped; {Abandoned} unfinished work items were returned to the store.")]
    public static partial void WorkerStopped(ILogger logger, int abandoned);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Durable worker stopped with work that ignored its cancellation still running; it comes back to the store when its locks expire.")]
    public static partial void WorkerStopLeftWorkBehind(ILogger logger);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Instance {InstanceId}: step with {MessageCount} messages ended {Status} ({NewEvents} new history events).")]
    public static partial void StepCompleted(ILogger logger, string instanceId, int messageCount, OrchestrationRuntimeStatus status, int newEvents);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Instance {InstanceId}: orchestration {Name} failed: {Reason}")]
    public static partial void OrchestrationFailed(ILogger logger, string instanceId, string name, string reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Instance {InstanceId}: step could not be committed and will be retried: {Reason}")]
    public static partial void StepConflict(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Debug, Message = "Instance {InstanceId}: {Count} message(s) came before the instance's start; tried again in {Milliseconds} ms.")]
    public static partial void StepDeferred(ILogger logger, string instanceId, int count, double milliseconds);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Error, Message = "Instance {InstanceId}: step failed and its messages were returned to the store.")]
    public static partial void StepError(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Debug, Message = "Instance {InstanceId}: dropped {Count} messages for a finished execution.")]
    public static partial void DroppedMessagesForFinishedInstance(ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Instance {InstanceId}: dropped {Count} messages for an instance that does not exist.")]
    public static partial void DroppedMessagesForUnknownInstance(ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Instance {InstanceId}: the row said {RowStatus} but the history ends {HistoryStatus}; the row was repaired from the history.")]
    public static partial void RowRepaired(ILogger logger, string instanceId, OrchestrationRuntimeStatus rowStatus, OrchestrationRuntimeStatus historyStatus);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Instance {InstanceId}: activity {Name} (#{TaskId}) {Outcome}.")]
    public static partial void ActivityCompleted(ILogger logger, string instanceId, string name, int taskId, string outcome);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "Instance {InstanceId}: activity {Name} (#{TaskId}) result could not be delivered; it will run again.")]
    public static partial void ActivityDeliveryFailed(ILogger logger, string instanceId, string name, int taskId, Exception exception);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Error, Message = "The durable worker's {Loop} loop failed to receive work; retrying.")]
    public static partial void ReceiveFailed(ILogger logger, string loop, Exception exception);
}
