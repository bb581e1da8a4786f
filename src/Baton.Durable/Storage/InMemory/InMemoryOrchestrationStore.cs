using System.Globalization;

namespace Baton.Durable.Storage.InMemory;

/// <summary>
/// A store that keeps everything in this process's memory: for tests and ephemeral runs. It honours the whole
/// <see cref="IOrchestrationStore"/> contract within one process (locks, batching, delayed messages on its
/// <see cref="TimeProvider"/>, optimistic concurrency), so a fake clock drives timers. State is lost when the process
/// ends. Thread-safe.
/// </summary>
public sealed class InMemoryOrchestrationStore : IOrchestrationStore, IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly Queue<string> _readyInstances = new();
    private readonly LinkedList<OrchestrationMessage> _activityQueue = new();
    private readonly HashSet<ITimer> _timers = [];
    private readonly SemaphoreSlim _orchestrationSignal = new(0);
    private readonly SemaphoreSlim _activitySignal = new(0);
    private bool _disposed;

    /// <summary>Creates an empty store whose delayed messages follow <paramref name="timeProvider"/>.</summary>
    public InMemoryOrchestrationStore(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Messages handed to activity workers so far (for tests and benchmarks).</summary>
    public int ActivityDeliveries { get; private set; }

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + receiveTimeout;
        while (true)
        {
            lock (_gate)
            {
                while (_readyInstances.TryDequeue(out var instanceId))
                {
                    if (!_instances.TryGetValue(instanceId, out var record))
                    {
                        continue;
                    }

                    record.Queued = false;
                    if (record.Locked || record.Ready.Count == 0)
                    {
                        continue;
                    }

                    record.Locked = true;
                    var messages = record.Ready.Select(m => m with { DequeueCount = m.DequeueCount + 1 }).ToList();
                    record.Ready.Clear();
                    return new OrchestrationWorkItem
                    {
                        InstanceId = instanceId,
                        Messages = messages,
                        History = record.History.AsReadOnly(),
                        Instance = record.Row,
                        StoreState = record.Version,
                    };
                }
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || !await _orchestrationSignal.WaitAsync(remaining, cancellationToken))
            {
                return null;
            }
        }
    }

    /// <inheritdoc />
    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            var record = LockedRecord(workItem);
            if (record.Version != (int)workItem.StoreState!)
            {
                throw new OrchestrationConcurrencyException(workItem.InstanceId, "Its history was written by another step.");
            }

            // Same order as the durable stores: outbound messages first, then history and row, then the consumed
            // messages are gone (they were taken out of the ready list when the item was locked).
            foreach (var message in result.ActivityMessages)
            {
                EnqueueActivity(message, atFront: false);
            }

            foreach (var message in result.OrchestratorMessages)
            {
                Deliver(message);
            }

            if (result.NewExecution)
            {
                record.History = [.. result.NewEvents];
            }
            else
            {
                record.History.AddRange(result.NewEvents);
            }

            if (result.Instance is not null)
            {
                record.Row = result.Instance;
                record.SignalChange();
            }

            record.Version++;
            record.Locked = false;
            MarkReady(workItem.InstanceId, record);
            RemoveIfEmpty(workItem.InstanceId, record);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeferOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            var record = LockedRecord(workItem);
            record.Locked = false;
            MarkReady(workItem.InstanceId, record);
            RemoveIfEmpty(workItem.InstanceId, record);
            if (_disposed)
            {
                return Task.CompletedTask;
            }

            // On the wall clock, and uncounted: the lock added one to each message's delivery count.
            var messages = workItem.Messages.Select(m => m with { DequeueCount = Math.Max(0, m.DequeueCount - 1), VisibleAt = null }).ToList();
            ITimer? timer = null;
            timer = TimeProvider.System.CreateTimer(
                _ =>
                {
                    lock (_gate)
                    {
                        if (timer is not null && _timers.Remove(timer))
                        {
                            timer.Dispose();
                        }

                        if (!_disposed)
                        {
                            messages.ForEach(Deliver);
                        }
                    }
                },
                null,
                delay,
                Timeout.InfiniteTimeSpan);
            _timers.Add(timer);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            var record = LockedRecord(workItem);
            record.Locked = false;
            if (delay <= TimeSpan.Zero)
            {
                record.Ready.InsertRange(0, workItem.Messages);
                MarkReady(workItem.InstanceId, record);
            }
            else
            {
                var visibleAt = _timeProvider.GetUtcNow().UtcDateTime + delay;
                foreach (var message in workItem.Messages)
                {
                    Deliver(message with { VisibleAt = visibleAt });
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + receiveTimeout;
        while (true)
        {
            lock (_gate)
            {
                if (_activityQueue.First is { } first)
                {
                    _activityQueue.RemoveFirst();
                    ActivityDeliveries++;
                    return new ActivityWorkItem { Message = first.Value with { DequeueCount = first.Value.DequeueCount + 1 } };
                }
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || !await _activitySignal.WaitAsync(remaining, cancellationToken))
            {
                return null;
            }
        }
    }

    /// <inheritdoc />
    public Task RenewActivityWorkItemLockAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_gate)
        {
            Deliver(response);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            EnqueueActivity(workItem.Message, atFront: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CreateInstanceAsync(InstanceState instance, OrchestrationMessage startMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(startMessage);
        lock (_gate)
        {
            var record = GetOrAdd(instance.InstanceId);
            if (record.Row is { } existing && !existing.RuntimeStatus.IsTerminal())
            {
                throw new OrchestrationAlreadyExistsException(instance.InstanceId, existing.RuntimeStatus);
            }

            record.Row = instance;
            record.SignalChange();
            Deliver(startMessage);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            Deliver(message);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<InstanceState?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var row = _instances.TryGetValue(instanceId, out var record) ? record.Row : null;
            return Task.FromResult(row is null || includePayloads ? row : WithoutPayloads(row));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var record) ? [.. record.History] : [];
            return Task.FromResult(history);
        }
    }

    /// <inheritdoc />
    public Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var after = ContinuationKey.Parse(query.ContinuationToken);
        lock (_gate)
        {
            var matches = _instances.Values
                .Select(r => r.Row)
                .OfType<InstanceState>()
                .Where(row => InstanceFilter.Matches(row, query))
                .OrderByDescending(row => row.CreatedAt)
                .ThenBy(row => row.InstanceId, StringComparer.Ordinal)
                .Where(row => after is null || after.IsBefore(row))
                .Take(pageSize + 1)
                .ToList();

            var hasMore = matches.Count > pageSize;
            var page = matches.Take(pageSize).Select(row => query.FetchInputsAndOutputs ? row : WithoutPayloads(row)).ToList();
            var token = hasMore ? ContinuationKey.Format(page[^1]) : null;
            return Task.FromResult(new InstanceQueryPage(page, token));
        }
    }

    /// <inheritdoc />
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var record) || record.Row is not { } row || !row.RuntimeStatus.IsTerminal() || record.Locked)
            {
                return Task.FromResult(false);
            }

            _instances.Remove(instanceId);
            record.SignalChange();
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            var purged = 0;
            foreach (var (instanceId, record) in _instances.ToList())
            {
                if (record.Row is { } row && !record.Locked && InstanceFilter.Matches(row, filter))
                {
                    _instances.Remove(instanceId);
                    record.SignalChange();
                    purged++;
                }
            }

            return Task.FromResult(purged);
        }
    }

    /// <inheritdoc />
    public Task WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        Task changed;
        lock (_gate)
        {
            changed = GetOrAdd(instanceId).Changed;
        }

        return WaitAsync(changed, maxWait, cancellationToken);

        static async Task WaitAsync(Task changed, TimeSpan maxWait, CancellationToken cancellationToken)
        {
            try
            {
                await changed.WaitAsync(maxWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Waited long enough; the caller looks again.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    private void Deliver(OrchestrationMessage message)
    {
        if (message.VisibleAt is { } visibleAt)
        {
            var due = visibleAt - _timeProvider.GetUtcNow().UtcDateTime;
            if (due > TimeSpan.Zero)
            {
                ScheduleDelivery(message, due);
                return;
            }
        }

        if (message.Event.EventType == HistoryEventType.TaskScheduled)
        {
            EnqueueActivity(message, atFront: false);
            return;
        }

        var record = GetOrAdd(message.InstanceId);
        record.Ready.Add(message);
        MarkReady(message.InstanceId, record);
    }

    private void ScheduleDelivery(OrchestrationMessage message, TimeSpan due)
    {
        if (_disposed)
        {
            return;
        }

        ITimer? timer = null;
        timer = _timeProvider.CreateTimer(
            _ =>
            {
                lock (_gate)
                {
                    if (timer is not null && _timers.Remove(timer))
                    {
                        timer.Dispose();
                    }

                    if (!_disposed)
                    {
                        // System timers may fire a little before their due time; re-arm for the rest rather than
                        // deliver early and make the engine hand the message back.
                        var remaining = message.VisibleAt!.Value - _timeProvider.GetUtcNow().UtcDateTime;
                        if (remaining > TimeSpan.Zero)
                        {
                            ScheduleDelivery(message, remaining);
                        }
                        else
                        {
                            Deliver(message with { VisibleAt = null });
                        }
                    }
                }
            },
            null,
            due,
            Timeout.InfiniteTimeSpan);
        _timers.Add(timer);
    }

    private void EnqueueActivity(OrchestrationMessage message, bool atFront)
    {
        if (atFront)
        {
            _activityQueue.AddFirst(message);
        }
        else
        {
            _activityQueue.AddLast(message);
        }

        _activitySignal.Release();
    }

    private void MarkReady(string instanceId, InstanceRecord record)
    {
        if (record.Ready.Count > 0 && !record.Locked && !record.Queued)
        {
            record.Queued = true;
            _readyInstances.Enqueue(instanceId);
            _orchestrationSignal.Release();
        }
    }

    private void RemoveIfEmpty(string instanceId, InstanceRecord record)
    {
        if (record.Row is null && record.History.Count == 0 && record.Ready.Count == 0 && !record.Locked)
        {
            _instances.Remove(instanceId);
        }
    }

    private InstanceRecord GetOrAdd(string instanceId)
    {
        if (!_instances.TryGetValue(instanceId, out var record))
        {
            record = new InstanceRecord();
            _instances[instanceId] = record;
        }

        return record;
    }

    private InstanceRecord LockedRecord(OrchestrationWorkItem workItem) =>
        _instances.TryGetValue(workItem.InstanceId, out var record) && record.Locked
            ? record
            : throw new OrchestrationConcurrencyException(workItem.InstanceId, "The work item's lock is no longer held.");

    private static InstanceState WithoutPayloads(InstanceState row) => row with { Input = null, Output = null, CustomStatus = null };

    private sealed class InstanceRecord
    {
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public InstanceState? Row { get; set; }

        public List<HistoryEvent> History { get; set; } = [];

        public List<OrchestrationMessage> Ready { get; } = [];

        public bool Locked { get; set; }

        public bool Queued { get; set; }

        public int Version { get; set; }

        public Task Changed => _changed.Task;

        public void SignalChange()
        {
            var previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.TrySetResult();
        }
    }

    /// <summary>A position in the (created descending, id ascending) order, as a continuation token.</summary>
    private sealed record ContinuationKey(long CreatedTicks, string InstanceId)
    {
        public static string Format(InstanceState row) =>
            string.Create(CultureInfo.InvariantCulture, $"{row.CreatedAt.Ticks}|{row.InstanceId}");

        public static ContinuationKey? Parse(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return null;
            }

            var bar = token.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(token.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                throw new ArgumentException($"The continuation token '{token}' is not one this store issued.", nameof(token));
            }

            return new ContinuationKey(ticks, token[(bar + 1)..]);
        }

        public bool IsBefore(InstanceState row) =>
            row.CreatedAt.Ticks < CreatedTicks ||
            (row.CreatedAt.Ticks == CreatedTicks && string.CompareOrdinal(row.InstanceId, InstanceId) > 0);
    }
}
