using System.Threading.Channels;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// The orchestration messages this process holds for the partitions it owns, grouped by instance, and the queue of
/// instances ready to run. Hands out at most one locked work item per instance; partition leases make that true
/// across processes. Thread-safe.
/// </summary>
internal sealed class OrchestrationBuffer(int partitionCount, TimeProvider timeProvider, int maxCachedInstances)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceSlot> _slots = new(StringComparer.Ordinal);
    private readonly bool[] _owned = new bool[partitionCount];
    private readonly Dictionary<string, ReceivedMessage>[] _tracked =
        Enumerable.Range(0, partitionCount).Select(_ => new Dictionary<string, ReceivedMessage>(StringComparer.Ordinal)).ToArray();
    private readonly Channel<InstanceSlot> _ready = Channel.CreateUnbounded<InstanceSlot>(new UnboundedChannelOptions { SingleReader = false });
    private long _nextToken;
    private int _cached;
    private int _waitingDispatchers;
    private int _lockedCount;

    /// <summary>
    /// True when a dispatcher will soon take a newly ready instance: one waits for work right now, or one is running a
    /// step and will come back for more, and few instances are ready before it.
    /// </summary>
    public bool DispatcherActive =>
        (Volatile.Read(ref _waitingDispatchers) > 0 || Volatile.Read(ref _lockedCount) > 0) && _ready.Reader.Count < MaxReadyForHandover;

    /// <summary>Beyond this many ready instances a new one waits too long for its first step to wait for it.</summary>
    private const int MaxReadyForHandover = 128;

    public bool IsOwned(int partition)
    {
        lock (_gate)
        {
            return _owned[partition];
        }
    }

    public int OwnedCount
    {
        get
        {
            lock (_gate)
            {
                return _owned.Count(o => o);
            }
        }
    }

    public void Own(int partition)
    {
        lock (_gate)
        {
            _owned[partition] = true;
        }
    }

    /// <summary>
    /// Forgets everything of the partition; locked work items may still complete, under the history's concurrency check.
    /// Returns the activity results and start messages that were held only in memory, so that they can be passed on to
    /// the new owner.
    /// </summary>
    public IReadOnlyList<ReceivedMessage> Lose(int partition) => Lose(partition, out _);

    /// <summary>
    /// As <see cref="Lose(int)"/>, and also gives the queue messages held here (hidden in the queue), so that a graceful
    /// release can make them visible to the next owner at once instead of after their visibility timeout.
    /// </summary>
    public IReadOnlyList<ReceivedMessage> Lose(int partition, out IReadOnlyList<ReceivedMessage> held)
    {
        lock (_gate)
        {
            _owned[partition] = false;
            var handoffs = new List<ReceivedMessage>();
            var queued = new List<ReceivedMessage>();
            held = queued;
            foreach (var message in _tracked[partition].Values)
            {
                message.DueTimer?.Dispose();
                (message.IsHandoff || message.IsInMemoryOnly ? handoffs : queued).Add(message);
            }

            _tracked[partition].Clear();
            foreach (var slot in _slots.Values.Where(s => s.Partition == partition).ToList())
            {
                RemoveSlot(slot);
            }

            return handoffs;
        }
    }

    /// <summary>
    /// Takes a message received from (or just sent to) the partition's queue. A message already held only gets its new
    /// pop receipt. Returns false when the partition is not owned (the message will show in the queue again).
    /// </summary>
    public bool Add(int partition, ReceivedMessage message)
    {
        lock (_gate)
        {
            if (!_owned[partition])
            {
                return false;
            }

            if (_tracked[partition].TryGetValue(message.Key, out var held))
            {
                held.PopReceipt = message.PopReceipt;
                held.HiddenAtTicks = message.HiddenAtTicks;
                return true;
            }

            _tracked[partition][message.Key] = message;
            var slot = GetOrAddSlot(message.Message.InstanceId, partition);
            ScheduleLocked(slot, message, message.Message.VisibleAt);
            return true;
        }
    }

    /// <summary>Takes the messages of one poll at once, in order; returns the ones not taken (the partition is not owned).</summary>
    public List<ReceivedMessage> AddRange(int partition, IEnumerable<ReceivedMessage> messages)
    {
        lock (_gate)
        {
            return [.. messages.Where(message => !Add(partition, message))];
        }
    }

    /// <summary>Caches what this process knows of an instance it has just created, if it owns its partition and holds nothing for it yet.</summary>
    public void Prime(int partition, string instanceId, CachedInstance cache)
    {
        lock (_gate)
        {
            if (!_owned[partition])
            {
                return;
            }

            var slot = GetOrAddSlot(instanceId, partition);
            if (slot.Cache is null && slot.LockToken == 0 && slot.Pending.Count == 0)
            {
                slot.LastUsedTicks = Environment.TickCount64;
                SetCache(slot, cache);
            }
            else
            {
                RemoveIfIdle(slot);
            }
        }
    }

    /// <summary>
    /// The row of an instance of an owned partition as this process last committed (or created, or read) it; null when
    /// it holds none. Only the owner of a partition writes the rows of its running instances, so this is the stored row.
    /// </summary>
    public InstanceState? CachedRow(int partition, string instanceId)
    {
        lock (_gate)
        {
            return _owned[partition] && _slots.TryGetValue(instanceId, out var slot) && slot.Cache?.Instance is { } row && !row.RuntimeStatus.IsTerminal()
                ? row
                : null;
        }
    }

    /// <summary>
    /// The queue messages held for owned partitions (waiting, in a locked work item, or activity results whose
    /// requests stay hidden) that are due and were last hidden before <paramref name="hiddenBeforeTicks"/>: the ones to
    /// renew before they show again in their queue.
    /// </summary>
    public List<ReceivedMessage> DueForRenewal(long hiddenBeforeTicks)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var due = new List<ReceivedMessage>();
        lock (_gate)
        {
            for (var p = 0; p < _tracked.Length; p++)
            {
                if (!_owned[p])
                {
                    continue;
                }

                foreach (var message in _tracked[p].Values)
                {
                    if (!message.IsInMemoryOnly && message.LockedSinceTicks < hiddenBeforeTicks && (message.Message.VisibleAt is not { } at || at <= now))
                    {
                        due.Add(message);
                    }
                }
            }
        }

        return due;
    }

    /// <summary>The held message with this queue id, if any.</summary>
    public ReceivedMessage? Find(int partition, string queueMessageId)
    {
        lock (_gate)
        {
            return _tracked[partition].GetValueOrDefault(queueMessageId);
        }
    }

    /// <summary>Forgets a message that was deleted or replaced in its queue.</summary>
    public void Forget(int partition, ReceivedMessage message)
    {
        lock (_gate)
        {
            if (_tracked[partition].TryGetValue(message.Key, out var held) && ReferenceEquals(held, message))
            {
                _tracked[partition].Remove(message.Key);
                message.DueTimer?.Dispose();
                if (_slots.TryGetValue(message.Message.InstanceId, out var slot))
                {
                    slot.Pending.Remove(message);
                }
            }
        }
    }

    /// <summary>
    /// Takes back a message that waits, unlocked, to be handed out; false when it is in a locked work item right now,
    /// or no longer held (consumed, or its partition lost).
    /// </summary>
    public bool Withdraw(int partition, ReceivedMessage message)
    {
        lock (_gate)
        {
            if (!_tracked[partition].TryGetValue(message.Key, out var held) || !ReferenceEquals(held, message)
                || !_slots.TryGetValue(message.Message.InstanceId, out var slot) || !slot.Pending.Remove(message))
            {
                return false;
            }

            _tracked[partition].Remove(message.Key);
            message.DueTimer?.Dispose();
            if (slot.LockToken == 0)
            {
                RemoveIfIdle(slot);
            }

            return true;
        }
    }

    /// <summary>Waits for an instance with due messages and locks it; null when none is ready in time.</summary>
    public async Task<(InstanceSlot Slot, long Token, List<ReceivedMessage> Messages, CachedInstance? Cache)?> LockNextAsync(
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        while (true)
        {
            Interlocked.Increment(ref _waitingDispatchers);
            try
            {
                if (!await _ready.Reader.WaitToReadAsync(timeoutSource.Token))
                {
                    return null;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            finally
            {
                Interlocked.Decrement(ref _waitingDispatchers);
            }

            while (_ready.Reader.TryRead(out var slot))
            {
                lock (_gate)
                {
                    slot.InReadyQueue = false;
                    if (slot.Removed || slot.LockToken != 0 || slot.Pending.Count == 0)
                    {
                        continue;
                    }

                    slot.LockToken = ++_nextToken;
                    _lockedCount++;
                    slot.LastUsedTicks = Environment.TickCount64;
                    var messages = slot.Pending.ToList();
                    slot.Pending.Clear();
                    return (slot, slot.LockToken, messages, slot.Cache);
                }
            }
        }
    }

    /// <summary>True while <paramref name="token"/> is the slot's current lock.</summary>
    public bool Holds(InstanceSlot slot, long token)
    {
        lock (_gate)
        {
            return slot.LockToken == token;
        }
    }

    /// <summary>Ends a lock after a commit: forgets the consumed messages and keeps (or drops) the cache.</summary>
    public void Complete(InstanceSlot slot, long token, IReadOnlyList<ReceivedMessage> consumed, CachedInstance? cache)
    {
        lock (_gate)
        {
            if (slot.LockToken != token)
            {
                return;
            }

            foreach (var message in consumed)
            {
                if (_tracked[slot.Partition].TryGetValue(message.Key, out var held) && ReferenceEquals(held, message))
                {
                    _tracked[slot.Partition].Remove(message.Key);
                }
            }

            SetCache(slot, cache);
            Unlock(slot);
        }
    }

    /// <summary>
    /// Ends a lock without a commit: the messages are handed out again after <paramref name="delay"/> on
    /// <paramref name="clock"/> (the store's clock when null), counted as a new delivery unless
    /// <paramref name="countDelivery"/> is false (storage, not the messages, failed, or they came too early). False when
    /// the lock had already ended.
    /// </summary>
    public bool Abandon(InstanceSlot slot, long token, IReadOnlyList<ReceivedMessage> messages, TimeSpan delay, bool dropCache, bool countDelivery = true, TimeProvider? clock = null)
    {
        lock (_gate)
        {
            if (slot.LockToken != token)
            {
                return false;
            }

            if (dropCache)
            {
                SetCache(slot, null);
            }

            foreach (var message in countDelivery ? messages : [])
            {
                message.DeliveryCount++;
            }

            if (!slot.Removed)
            {
                if (delay > TimeSpan.Zero)
                {
                    foreach (var message in messages)
                    {
                        StartDueTimer(message, delay, clock ?? timeProvider);
                    }
                }
                else
                {
                    // Back in front, in their order: they arrived before anything received during the lock.
                    slot.Pending.InsertRange(0, messages);
                }
            }

            Unlock(slot);
            return true;
        }
    }

    /// <summary>Drops the cached history of an instance (after a conflict or a failed write).</summary>
    public void DropCache(InstanceSlot slot)
    {
        lock (_gate)
        {
            SetCache(slot, null);
        }
    }

    /// <summary>Drops the cached history and row of an instance, if this process holds them.</summary>
    public void DropCache(int partition, string instanceId)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue(instanceId, out var slot) && slot.Partition == partition)
            {
                SetCache(slot, null);
                RemoveIfIdle(slot);
            }
        }
    }

    private void Unlock(InstanceSlot slot)
    {
        slot.LockToken = 0;
        _lockedCount--;
        slot.LastUsedTicks = Environment.TickCount64;
        if (slot.Removed)
        {
            return;
        }

        if (slot.Pending.Count > 0)
        {
            MarkReady(slot);
        }
        else
        {
            RemoveIfIdle(slot);
        }
    }

    private void ScheduleLocked(InstanceSlot slot, ReceivedMessage message, DateTime? dueAt)
    {
        var delay = dueAt is { } due ? due - timeProvider.GetUtcNow().UtcDateTime : TimeSpan.Zero;
        if (delay <= TimeSpan.Zero)
        {
            slot.Pending.Add(message);
            MarkReady(slot);
            return;
        }

        // Never early: the message waits in memory on the store's clock (a fake one in tests), not only on the queue's.
        StartDueTimer(message, delay, timeProvider);
    }

    private void StartDueTimer(ReceivedMessage message, TimeSpan delay, TimeProvider clock)
    {
        message.DueTimer?.Dispose();
        message.DueTimer = clock.CreateTimer(
            static state =>
            {
                var (buffer, target) = ((OrchestrationBuffer, ReceivedMessage))state!;
                buffer.OnDue(target);
            },
            (this, message),
            delay,
            Timeout.InfiniteTimeSpan);
    }

    private void OnDue(ReceivedMessage message)
    {
        lock (_gate)
        {
            message.DueTimer?.Dispose();
            message.DueTimer = null;
            var partition = -1;
            for (var p = 0; p < _tracked.Length; p++)
            {
                if (_tracked[p].TryGetValue(message.Key, out var held) && ReferenceEquals(held, message))
                {
                    partition = p;
                    break;
                }
            }

            if (partition < 0 || !_owned[partition])
            {
                return;
            }

            var slot = GetOrAddSlot(message.Message.InstanceId, partition);
            slot.Pending.Add(message);
            MarkReady(slot);
        }
    }

    private void MarkReady(InstanceSlot slot)
    {
        if (slot.LockToken == 0 && !slot.InReadyQueue && !slot.Removed)
        {
            slot.InReadyQueue = true;
            _ready.Writer.TryWrite(slot);
        }
    }

    private InstanceSlot GetOrAddSlot(string instanceId, int partition)
    {
        if (!_slots.TryGetValue(instanceId, out var slot))
        {
            slot = new InstanceSlot(instanceId, partition);
            _slots[instanceId] = slot;
        }

        return slot;
    }

    private void SetCache(InstanceSlot slot, CachedInstance? cache)
    {
        if (slot.Cache is null && cache is not null)
        {
            _cached++;
        }
        else if (slot.Cache is not null && cache is null)
        {
            _cached--;
        }

        slot.Cache = cache;
        if (_cached > maxCachedInstances)
        {
            EvictOldest();
        }
    }

    private void EvictOldest()
    {
        // Rare and bounded: drop the least recently used tenth of the idle cached instances.
        var victims = _slots.Values
            .Where(s => s.Cache is not null && s.LockToken == 0)
            .OrderBy(s => s.LastUsedTicks)
            .Take(Math.Max(1, maxCachedInstances / 10))
            .ToList();
        foreach (var slot in victims)
        {
            slot.Cache = null;
            _cached--;
            RemoveIfIdle(slot);
        }
    }

    private void RemoveIfIdle(InstanceSlot slot)
    {
        if (slot.LockToken == 0 && slot.Pending.Count == 0 && slot.Cache is null)
        {
            _slots.Remove(slot.InstanceId);
            slot.Removed = true;
        }
    }

    private void RemoveSlot(InstanceSlot slot)
    {
        if (slot.Cache is not null)
        {
            _cached--;
            slot.Cache = null;
        }

        slot.Pending.Clear();
        slot.Removed = true;
        _slots.Remove(slot.InstanceId);
    }
}
