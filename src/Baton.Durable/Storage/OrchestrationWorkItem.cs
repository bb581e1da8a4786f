namespace Baton.Durable.Storage;

/// <summary>
/// A locked batch of messages for one instance, with its current history and row. While it is locked no other
/// work item for the same instance is handed out, in this process or another.
/// </summary>
public sealed class OrchestrationWorkItem
{
    /// <summary>The instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The messages to process in this step, in arrival order.</summary>
    public required IReadOnlyList<OrchestrationMessage> Messages { get; init; }

    /// <summary>The history of the current execution as stored; empty for a new instance.</summary>
    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>The instance row; null when none exists yet.</summary>
    public InstanceState? Instance { get; init; }

    /// <summary>Whatever the store needs to commit this item (an ETag, receipts); opaque to the engine.</summary>
    public object? StoreState { get; init; }
}
