namespace Baton.Durable.Storage;

/// <summary>
/// Where the engine keeps durable state: instance rows, histories, and the messages that drive orchestrations
/// and activities. Implementations: the in-memory store (tests, ephemeral runs) and the Azure Storage store.
/// </summary>
/// <remarks>
/// Contract the engine relies on:
/// <list type="bullet">
/// <item>Messages are delivered at least once and never before <see cref="OrchestrationMessage.VisibleAt"/>;
/// each delivery increments <see cref="OrchestrationMessage.DequeueCount"/>.</item>
/// <item>At most one orchestration work item per instance is locked at a time, across all processes sharing the store.</item>
/// <item>A lock that is neither completed nor abandoned expires; its messages are then delivered again.</item>
/// <item><see cref="CompleteOrchestrationWorkItemAsync"/> sends outbound messages before it writes history and the row,
/// and deletes consumed messages last; it throws <see cref="OrchestrationConcurrencyException"/> and writes nothing when the
/// instance changed since the item was locked.</item>
/// <item>All members are thread-safe.</item>
/// </list>
/// </remarks>
public interface IOrchestrationStore
{
    /// <summary>Creates whatever storage the store needs (tables, queues, containers); safe to call again.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks the next batch of messages for one instance, waiting up to <paramref name="receiveTimeout"/> for one.
    /// Returns null when nothing arrived in time.
    /// </summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default);

    /// <summary>Commits a step: outbound messages, then history and row, then deletes the consumed messages; releases the lock.</summary>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken = default);

    /// <summary>Releases the lock without committing; the messages become visible again after <paramref name="delay"/>.</summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases the lock without committing, for messages that came too early (before their instance's start): they are
    /// handed out again after <paramref name="delay"/> of wall-clock time, whatever clock delayed messages follow, and the
    /// wait does not count as a delivery (it must not bring them nearer the poison limit).
    /// </summary>
    Task DeferOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Locks the next activity request, waiting up to <paramref name="receiveTimeout"/> for one; null when none arrived.</summary>
    Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default);

    /// <summary>Extends the lock on a running activity so that a long call is not handed to another worker.</summary>
    Task RenewActivityWorkItemLockAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default);

    /// <summary>Sends the activity's result (TaskCompleted or TaskFailed) to its orchestration, then deletes the request.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage response, CancellationToken cancellationToken = default);

    /// <summary>Returns the request to the store unrun; it becomes visible again at once.</summary>
    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or replaces an instance row and sends its start message, atomically with respect to other creators:
    /// throws <see cref="OrchestrationAlreadyExistsException"/> when the existing row is Pending, Running, Suspended or ContinuedAsNew.
    /// </summary>
    Task CreateInstanceAsync(InstanceState instance, OrchestrationMessage startMessage, CancellationToken cancellationToken = default);

    /// <summary>Sends a message to an instance (event, terminate, suspend, resume).</summary>
    Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default);

    /// <summary>The instance row, or null; without payloads, Input, Output and CustomStatus may be left null.</summary>
    Task<InstanceState?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>The stored history of the instance's current execution; empty for an unknown instance.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>One page of instance rows matching the query, newest first.</summary>
    Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance's row and history; false when it does not exist or is not finished.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every finished instance matching the filter; returns how many.</summary>
    Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when the instance's row may have changed, or after <paramref name="maxWait"/>. Lets clients wait for
    /// completion without busy polling; a store that cannot tell simply waits. The wait starts when the method is
    /// called (before the returned task is awaited), so a change made between the call and a read of the row is not missed.
    /// </summary>
    Task WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default);
}

/// <summary>One page of instance rows.</summary>
/// <param name="Instances">The rows, newest first.</param>
/// <param name="ContinuationToken">The token for the next page; null on the last.</param>
public sealed record InstanceQueryPage(IReadOnlyList<InstanceState> Instances, string? ContinuationToken);
