namespace Baton.Durable;

/// <summary>An instance with this id is still pending, running or suspended.</summary>
public sealed class OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
    : InvalidOperationException($"An orchestration with instance id '{instanceId}' is already {status}. " +
                                "Wait for it to finish, terminate it, or start with another instance id.")
{
    /// <summary>The id that is taken.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The status of the instance that holds the id.</summary>
    public OrchestrationRuntimeStatus Status { get; } = status;
}

/// <summary>No instance has this id.</summary>
public sealed class OrchestrationNotFoundException(string instanceId)
    : KeyNotFoundException($"No orchestration instance with id '{instanceId}' exists.")
{
    /// <summary>The unknown id.</summary>
    public string InstanceId { get; } = instanceId;
}

/// <summary>The instance has finished, so it can no longer take events or be terminated, suspended or resumed.</summary>
public sealed class OrchestrationFinishedException(string instanceId, OrchestrationRuntimeStatus status)
    : InvalidOperationException($"Orchestration instance '{instanceId}' has already finished ({status}).")
{
    /// <summary>The finished instance.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>How it finished.</summary>
    public OrchestrationRuntimeStatus Status { get; } = status;
}
