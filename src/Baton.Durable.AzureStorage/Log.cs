using Microsoft.Extensions.Logging;

namespace Baton.Durable.AzureStorage;

/// <summary>The store's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Acquired partition {Partition} (lease {LeaseId}).")]
    public static partial void PartitionAcquired(ILogger logger, int partition, string leaseId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Lost partition {Partition}: {Reason}.")]
    public static partial void PartitionLost(ILogger logger, int partition, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Released partition {Partition}.")]
    public static partial void PartitionReleased(ILogger logger, int partition);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Partition lease loop failed; retrying.")]
    public static partial void LeaseLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Moved message {QueueMessageId} from queue {Queue} to {PoisonQueue} after {DequeueCount} deliveries: {Reason}")]
    public static partial void MovedToPoison(ILogger logger, string queueMessageId, string queue, string poisonQueue, long dequeueCount, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; retrying.")]
    public static partial void PollFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Step of orchestration {InstanceId} was not committed: {Reason}")]
    public static partial void CommitConflict(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Commit of orchestration {InstanceId} failed at stage after {Stage}; its messages will be processed again.")]
    public static partial void CommitFailed(ILogger logger, string instanceId, string stage, Exception exception);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Debug, Message = "Re-armed message {QueueMessageId} for orchestration {InstanceId}, due at {VisibleAt:o}.")]
    public static partial void Rearmed(ILogger logger, string queueMessageId, string instanceId, DateTime visibleAt);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Could not read message {QueueMessageId} from queue {Queue} (delivery {DequeueCount}); it will be retried.")]
    public static partial void ReadFailed(ILogger logger, string queueMessageId, string queue, long dequeueCount, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Loading orchestration {InstanceId} failed; its messages will be processed again.")]
    public static partial void LoadFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "An activity result for orchestration {InstanceId} held in memory could not be passed on after its partition was lost; the activity will run again.")]
    public static partial void HandoffNotPassedOn(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Deleting consumed messages of orchestration {InstanceId} failed; they will be delivered again and dropped as duplicates.")]
    public static partial void DeleteFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "Row of orchestration {InstanceId} not written by a step at history position {Position}: a later step wrote it first.")]
    public static partial void StaleRowWriteDropped(ILogger logger, string instanceId, long position);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "Row of orchestration {InstanceId} said {RowStatus} but its history ends {HistoryStatus}; the row was repaired from the history.")]
    public static partial void RowRepaired(ILogger logger, string instanceId, OrchestrationRuntimeStatus rowStatus, OrchestrationRuntimeStatus historyStatus);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Information, Message = "Recovery pass of partition {Partition}: {Checked} unfinished rows checked against their history, {Repaired} repaired.")]
    public static partial void RecoveryPassDone(ILogger logger, int partition, int @checked, int repaired);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning, Message = "Recovery pass of partition {Partition} failed; it runs again when the partition is next acquired.")]
    public static partial void RecoveryPassFailed(ILogger logger, int partition, Exception exception);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Warning, Message = "Renewing the visibility of held queue messages failed; retrying.")]
    public static partial void RenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Warning, Message = "Wake-up signals are off: cannot listen on {Address}; other processes' messages wait for the idle polling interval.")]
    public static partial void WakeUpUnavailable(ILogger logger, string address, Exception exception);

    [LoggerMessage(EventId = 3052, Level = LogLevel.Information, Message = "Message {MessageId} of {Queue} could not be shown again at once ({Reason}); it shows when its visibility timeout ends.")]
    public static partial void VisibilityNotUpdated(ILogger logger, string messageId, string queue, string reason);

    [LoggerMessage(EventId = 3051, Level = LogLevel.Debug, Message = "Could not list the task hub's processes for wake-up signals; trying again later.")]
    public static partial void WakeUpPeersNotListed(ILogger logger, Exception exception);
}
