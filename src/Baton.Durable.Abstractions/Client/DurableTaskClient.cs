using System.Runtime.CompilerServices;

namespace Baton.Durable;

/// <summary>
/// Starts and manages orchestration instances. Shaped like Durable Functions' <c>DurableTaskClient</c>, so that
/// code serving HTTP drives Baton's engine or Durable Functions through one seam. Thread-safe.
/// </summary>
public abstract class DurableTaskClient
{
    /// <summary>The converter for inputs, outputs and event payloads.</summary>
    public abstract DataConverter DataConverter { get; }

    /// <summary>
    /// Schedules a new instance and returns its id. An id whose instance is still pending, running or suspended
    /// is refused with <see cref="OrchestrationAlreadyExistsException"/>; a finished one is replaced.
    /// </summary>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default);

    /// <summary>
    /// Raises an event on an instance. Throws <see cref="OrchestrationNotFoundException"/> for an unknown id and
    /// <see cref="OrchestrationFinishedException"/> when the instance has finished.
    /// </summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>The instance's status, or null for an unknown id.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>The instance's history (the current execution), or null for an unknown id.</summary>
    public abstract Task<IReadOnlyList<HistoryEvent>?> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellation = default);

    /// <summary>One page of instances matching <paramref name="query"/>; pass its continuation token for the next.</summary>
    public abstract Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default);

    /// <summary>All instances matching <paramref name="query"/>, page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? query = null,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var page = query ?? new OrchestrationQuery();
        while (true)
        {
            var result = await QueryInstancesAsync(page, cancellation);
            foreach (var instance in result.Instances)
            {
                yield return instance;
            }

            if (result.ContinuationToken is null)
            {
                yield break;
            }

            page = page with { ContinuationToken = result.ContinuationToken };
        }
    }

    /// <summary>Waits until the instance has started (or finished) and returns its status.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated and returns its status.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Terminates an instance (and, with <see cref="TerminateInstanceOptions.Recursive"/>, its running children).</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Suspends an instance: events are kept, nothing runs until it is resumed.</summary>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Resumes a suspended instance.</summary>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>
    /// True when <see cref="RewindInstanceAsync"/> works on this engine. Durable Functions can rewind a failed instance;
    /// Baton's own engine cannot (restart the run instead: a new instance with the same input).
    /// </summary>
    public virtual bool SupportsRewind => false;

    /// <summary>
    /// Rewinds a failed instance: its failed activities and sub-orchestrations run again and the instance goes on from
    /// there, like Durable Functions' <c>RewindInstanceAsync</c>. Throws <see cref="NotSupportedException"/> where
    /// <see cref="SupportsRewind"/> is false, <see cref="OrchestrationNotFoundException"/> for an unknown id and
    /// <see cref="InvalidOperationException"/> when the instance is not Failed.
    /// </summary>
    public virtual Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException(
            "This engine cannot rewind a failed run. Restart it instead (a new run with the same input), or run the workflow on Durable Functions, which rewinds.");

    /// <summary>Deletes a finished instance's state and history. A running instance is not purged (count 0).</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Deletes the state and history of every finished instance matching <paramref name="filter"/>.</summary>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default);
}
