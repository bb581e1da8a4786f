namespace Baton.Durable;

/// <summary>Options for one activity or sub-orchestration call, shaped like Durable Functions' <c>TaskOptions</c>.</summary>
/// <param name="Retry">How to retry a failed call; no retries when null.</param>
/// <param name="Tags">Free-form tags recorded with the scheduled task.</param>
public record TaskOptions(TaskRetryOptions? Retry = null, IDictionary<string, string>? Tags = null)
{
    /// <summary>Options that retry by a declarative policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Options that retry while a custom asynchronous handler says so.</summary>
    public static TaskOptions FromRetryHandler(AsyncRetryHandler handler) => new(new TaskRetryOptions(handler));

    /// <summary>Options that retry while a custom handler says so.</summary>
    public static TaskOptions FromRetryHandler(RetryHandler handler) => new(TaskRetryOptions.FromRetryHandler(handler));

    /// <summary>Options for a sub-orchestration with an explicit child instance id.</summary>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}

/// <summary>Options for a sub-orchestration call: retries and, optionally, the child's instance id.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates sub-orchestration options.</summary>
    /// <param name="retry">How to retry a failed child; no retries when null.</param>
    /// <param name="instanceId">The child's instance id; derived from the parent's id and the task id when null.</param>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry) => InstanceId = instanceId;

    /// <summary>Copies task options and sets the child's instance id.</summary>
    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options ?? throw new ArgumentNullException(nameof(options))) => InstanceId = instanceId;

    /// <summary>The child's instance id, or null to derive one deterministically.</summary>
    public string? InstanceId { get; init; }
}
