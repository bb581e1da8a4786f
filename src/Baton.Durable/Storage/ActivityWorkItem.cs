namespace Baton.Durable.Storage;

/// <summary>A locked request to run one activity (a message whose event is TaskScheduled).</summary>
public sealed class ActivityWorkItem
{
    /// <summary>The request.</summary>
    public required OrchestrationMessage Message { get; init; }

    /// <summary>Whatever the store needs to complete or abandon this item; opaque to the engine.</summary>
    public object? StoreState { get; set; }
}
