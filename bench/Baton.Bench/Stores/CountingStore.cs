using System.Collections.Concurrent;
using System.Diagnostics;
using Baton.Durable;
using Baton.Durable.Storage;

namespace Baton.Bench.Stores;

/// <summary>
/// Passes every call to the real store and counts it, and times each orchestration step from the moment its work
/// item is handed to the worker to the moment the worker commits it (replay plus mapping, no store I/O).
/// Thread-safe. The counts show where time goes without a profiler.
/// </summary>
internal sealed class CountingStore(IOrchestrationStore inner, Func<long?> storageRequests) : IOrchestrationStore
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OrchestrationWorkItem, long> _lockedAt = new(ReferenceEqualityComparer.Instance);
    private long _steps;
    private long _stepTicks;
    private long _stepHistoryEvents;
    private long _stepMessages;

    /// <summary>A snapshot of the counters.</summary>
    public StoreCounters Snapshot() => new(
        new Dictionary<string, long>(_calls, StringComparer.Ordinal),
        Interlocked.Read(ref _steps),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _stepTicks)),
        Interlocked.Read(ref _stepHistoryEvents),
        Interlocked.Read(ref _stepMessages),
        storageRequests());

    /// <summary>The store being counted.</summary>
    public IOrchestrationStore Inner => inner;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        Count(inner.CreateIfNotExistsAsync(cancellationToken));

    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default)
    {
        var item = await inner.LockNextOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        Add(item is null ? "LockNextOrchestrationWorkItem (empty)" : "LockNextOrchestrationWorkItem");
        if (item is not null)
        {
            _lockedAt[item] = Stopwatch.GetTimestamp();
        }

        return item;
    }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken = default)
    {
        if (_lockedAt.TryRemove(workItem, out var lockedAt))
        {
            Interlocked.Increment(ref _steps);
            Interlocked.Add(ref _stepTicks, Stopwatch.GetTimestamp() - lockedAt);
            Interlocked.Add(ref _stepHistoryEvents, workItem.History.Count);
            Interlocked.Add(ref _stepMessages, workItem.Messages.Count);
        }

        return Count(inner.CompleteOrchestrationWorkItemAsync(workItem, result, cancellationToken));
    }

    public Task DeferOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        _lockedAt.TryRemove(workItem, out _);
        return Count(inner.DeferOrchestrationWorkItemAsync(workItem, delay, cancellationToken));
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay = default, CancellationToken cancellationToken = default)
    {
        _lockedAt.TryRemove(workItem, out _);
        return Count(inner.AbandonOrchestrationWorkItemAsync(workItem, delay, cancellationToken));
    }

    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default)
    {
        var item = await inner.LockNextActivityWorkItemAsync(receiveTimeout, cancellationToken);
        Add(item is null ? "LockNextActivityWorkItem (empty)" : "LockNextActivityWorkItem");
        return item;
    }

    public Task RenewActivityWorkItemLockAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default) =>
        Count(inner.RenewActivityWorkItemLockAsync(workItem, cancellationToken));

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage response, CancellationToken cancellationToken = default) =>
        Count(inner.CompleteActivityWorkItemAsync(workItem, response, cancellationToken));

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default) =>
        Count(inner.AbandonActivityWorkItemAsync(workItem, cancellationToken));

    public Task CreateInstanceAsync(InstanceState instance, OrchestrationMessage startMessage, CancellationToken cancellationToken = default) =>
        Count(inner.CreateInstanceAsync(instance, startMessage, cancellationToken));

    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default) =>
        Count(inner.SendMessageAsync(message, cancellationToken));

    public Task<InstanceState?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) =>
        Count(inner.GetInstanceAsync(instanceId, includePayloads, cancellationToken));

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Count(inner.GetHistoryAsync(instanceId, cancellationToken));

    public Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default) =>
        Count(inner.QueryInstancesAsync(query, cancellationToken));

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Count(inner.PurgeInstanceAsync(instanceId, cancellationToken));

    public Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default) =>
        Count(inner.PurgeInstancesAsync(filter, cancellationToken));

    public Task WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        Count(inner.WaitForInstanceChangeAsync(instanceId, maxWait, cancellationToken));

    private T Count<T>(T result, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(result))] string call = "")
    {
        // "inner.GetInstanceAsync(instanceId, ...)" -> "GetInstance"
        var start = call.IndexOf('.', StringComparison.Ordinal) + 1;
        var end = call.IndexOf("Async(", StringComparison.Ordinal);
        Add(end > start ? call[start..end] : call);
        return result;
    }

    private void Add(string call) => _calls.AddOrUpdate(call, 1, (_, n) => n + 1);
}
