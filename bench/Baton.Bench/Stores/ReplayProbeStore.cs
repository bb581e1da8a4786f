using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Baton.Durable;
using Baton.Durable.Storage;

namespace Baton.Bench.Stores;

/// <summary>
/// A store that hands a worker work items the benchmark builds (a recorded history plus one new message) and
/// captures the step the worker commits, writing nothing. The same history can so be replayed many times through
/// the worker's public surface, timing replay alone: no queue, no table, no other instance. Thread-safe.
/// </summary>
internal sealed class ReplayProbeStore : IOrchestrationStore
{
    private readonly Channel<OrchestrationWorkItem> _pending = Channel.CreateUnbounded<OrchestrationWorkItem>();
    private readonly ConcurrentDictionary<OrchestrationWorkItem, Probe> _probes = new(ReferenceEqualityComparer.Instance);

    /// <summary>Hands <paramref name="workItem"/> to the worker and returns the step it commits and how long it took.</summary>
    public async Task<(OrchestrationStepResult Result, TimeSpan Elapsed)> StepAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        var probe = new Probe();
        _probes[workItem] = probe;
        await _pending.Writer.WriteAsync(workItem, cancellationToken);
        return await probe.Done.Task.WaitAsync(cancellationToken);
    }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(receiveTimeout);
        try
        {
            var item = await _pending.Reader.ReadAsync(timeout.Token);
            _probes[item].HandedOutAt = Stopwatch.GetTimestamp();
            return item;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken = default)
    {
        var now = Stopwatch.GetTimestamp();
        if (_probes.TryRemove(workItem, out var probe))
        {
            probe.Done.TrySetResult((result, Stopwatch.GetElapsedTime(probe.HandedOutAt, now)));
        }

        return Task.CompletedTask;
    }

    public Task DeferOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        if (_probes.TryRemove(workItem, out var probe))
        {
            probe.Done.TrySetException(new InvalidOperationException($"The worker deferred the replayed step of {workItem.InstanceId}."));
        }

        return Task.CompletedTask;
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay = default, CancellationToken cancellationToken = default)
    {
        if (_probes.TryRemove(workItem, out var probe))
        {
            probe.Done.TrySetException(new InvalidOperationException($"The worker abandoned the replayed step of {workItem.InstanceId}."));
        }

        return Task.CompletedTask;
    }

    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default)
    {
        await Task.Delay(receiveTimeout, cancellationToken);
        return null;
    }

    public Task WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        Task.Delay(maxWait, cancellationToken);

    public Task RenewActivityWorkItemLockAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage response, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task CreateInstanceAsync(InstanceState instance, OrchestrationMessage startMessage, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<InstanceState?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default) => throw Unsupported();

    private static NotSupportedException Unsupported() => new("The replay probe only serves orchestration steps that the benchmark hands it.");

    private sealed class Probe
    {
        public TaskCompletionSource<(OrchestrationStepResult, TimeSpan)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long HandedOutAt { get; set; }
    }
}
