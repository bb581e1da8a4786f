namespace Baton.Durable.AzureStorage;

/// <summary>The points between the stages of a commit at which <see cref="AzureStorageOrchestrationStoreOptions.CommitStageHook"/> is called.</summary>
public enum CommitStage
{
    /// <summary>Outbound messages are sent; history, row and consumed messages are untouched.</summary>
    MessagesSent,

    /// <summary>History is appended; the instance row is not yet updated.</summary>
    HistoryWritten,

    /// <summary>The instance row is updated; consumed messages are not yet deleted.</summary>
    InstanceUpdated,

    /// <summary>Everything is written; the consumed messages are about to be deleted.</summary>
    BeforeMessagesDeleted,
}
