namespace Baton.Durable;

/// <summary>An instance's status as a client sees it, like Durable Functions' <c>OrchestrationMetadata</c>.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its state last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When it finished, if it has.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The serialized input, when requested.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The serialized output (for Terminated, the termination output), when requested.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The serialized custom status, when requested.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed, when it did.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent's instance id, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The converter used by the Read methods.</summary>
    public DataConverter DataConverter { get; init; } = JsonDataConverter.Default;

    /// <summary>True while Pending, Running, Suspended or ContinuedAsNew.</summary>
    public bool IsRunning => !RuntimeStatus.IsTerminal();

    /// <summary>True once Completed, Failed, Terminated or Canceled.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => DataConverter.Deserialize<T>(SerializedInput);

    /// <summary>The output as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => DataConverter.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => DataConverter.Deserialize<T>(SerializedCustomStatus);
}
