namespace Baton.Durable.Storage;

/// <summary>An instance's row: what clients query without reading history.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Name">The orchestrator name.</param>
public sealed record InstanceState(string InstanceId, string Name)
{
    /// <summary>The current execution's id.</summary>
    public string ExecutionId { get; init; } = string.Empty;

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created (the client's schedule call, or a parent's step).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the row last changed.</summary>
    public DateTime LastUpdatedAt { get; init; }

    /// <summary>When the instance finished.</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>Serialized input of the current execution.</summary>
    public string? Input { get; init; }

    /// <summary>Serialized output.</summary>
    public string? Output { get; init; }

    /// <summary>Serialized custom status.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Why it failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent's instance id, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>When a scheduled instance is due to start.</summary>
    public DateTime? ScheduledStartAt { get; init; }
}
