namespace Baton.Durable;

/// <summary>Options for starting an instance.</summary>
/// <param name="InstanceId">The instance id; a new GUID (32 hex digits) when null.</param>
/// <param name="StartAt">When to start; at once when null. Until then the instance is Pending.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);

/// <summary>Options for terminating an instance.</summary>
/// <param name="Output">The output recorded for the terminated instance (typically a reason).</param>
/// <param name="Recursive">Whether running sub-orchestrations are terminated too.</param>
public sealed record TerminateInstanceOptions(object? Output = null, bool Recursive = false);

/// <summary>Options for purging one instance.</summary>
/// <param name="Recursive">Whether the instance's sub-orchestrations are purged too.</param>
public sealed record PurgeInstanceOptions(bool Recursive = false);

/// <summary>Which finished instances to purge.</summary>
/// <param name="CreatedFrom">Created at or after this time.</param>
/// <param name="CreatedTo">Created before this time.</param>
/// <param name="Statuses">Only these statuses (all terminal ones when null).</param>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>How many instances a purge deleted.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>A filter and page request over instances.</summary>
/// <param name="CreatedFrom">Created at or after this time.</param>
/// <param name="CreatedTo">Created before this time.</param>
/// <param name="Statuses">Only these statuses; all when null or empty.</param>
/// <param name="InstanceIdPrefix">Only ids starting with this text (ordinal).</param>
/// <param name="Name">Only instances of this orchestrator (case-insensitive).</param>
/// <param name="PageSize">Instances per page, 1 to 1000.</param>
/// <param name="ContinuationToken">The token from the previous page; null for the first.</param>
/// <param name="FetchInputsAndOutputs">Whether input, output and custom status are returned.</param>
public sealed record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    string? InstanceIdPrefix = null,
    string? Name = null,
    int PageSize = 100,
    string? ContinuationToken = null,
    bool FetchInputsAndOutputs = false);

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances on this page, newest first.</param>
/// <param name="ContinuationToken">The token for the next page; null on the last page.</param>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
