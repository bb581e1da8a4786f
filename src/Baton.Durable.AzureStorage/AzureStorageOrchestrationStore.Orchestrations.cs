using Azure;
using Azure.Storage.Queues.Models;
using Baton.Durable.Storage;

namespace Baton.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationStore
{
    /// <inheritdoc />
    /// <remarks>Starts taking partition leases on first call. The history comes from this process's cache when it holds one.</remarks>
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default)
    {
        EnsurePartitionsStarted();
        var next = await _buffer.LockNextAsync(receiveTimeout, cancellationToken);
        if (next is not { } locked)
        {
            return null;
        }

        var (slot, token, messages, cache) = locked;
        try
        {
            CachedInstance state;
            var startsExecution = messages.Any(m => m.Message.Event.EventType == HistoryEventType.ExecutionStarted);
            if (cache is null)
            {
                var history = _history.ReadAsync(slot.InstanceId, cancellationToken);
                var row = await _instances.GetAsync(slot.InstanceId, includePayloads: true, cancellationToken);
                state = new CachedInstance(await history, row?.State, null) { InstanceETag = row?.ETag };
            }
            else if (startsExecution && !cache.Created)
            {
                // A client may have replaced a finished instance's row; the cached one would be stale.
                var row = await _instances.GetAsync(slot.InstanceId, includePayloads: true, cancellationToken);
                state = cache with { Instance = row?.State, InstanceBlobs = null, InstanceETag = row?.ETag };
            }
            else
            {
                state = cache;
            }

            return new OrchestrationWorkItem
            {
                InstanceId = slot.InstanceId,
                Messages = messages.Select(m => m.ToDelivery()).ToArray(),
                History = state.History.Events,
                Instance = state.Instance,
                StoreState = new OrchestrationLock(slot, token, messages, state),
            };
        }
        catch (Exception e)
        {
            Log.LoadFailed(_logger, slot.InstanceId, e);
            // An outage is not the messages' fault: retried, they must not creep towards the poison limit meanwhile.
            _buffer.Abandon(slot, token, messages, TimeSpan.FromSeconds(1), dropCache: true, countDelivery: !StorageOutage.IsOutage(e));
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Payload limits are checked first: <see cref="PayloadTooLargeException"/> leaves everything unwritten. After any
    /// failure (a conflict, a storage error, a fault hook) the work item stays locked until it is abandoned, and the
    /// cached history is dropped; outbound messages already sent are duplicates the engine drops when the step runs
    /// again.
    /// </remarks>
    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var held = workItem.StoreState as OrchestrationLock
            ?? throw new ArgumentException("The work item was not handed out by this store.", nameof(workItem));
        var instanceId = workItem.InstanceId;
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_buffer.Holds(held.Slot, held.Token))
        {
            throw new OrchestrationConcurrencyException(instanceId, "The work item's lock had already ended.");
        }

        EnsureWithinLimits(instanceId, result);
        var stage = "start";
        try
        {
            // 1. Outbound messages first: a crash after this point redelivers the consumed messages and the step
            //    runs again; the engine drops the duplicates it then sends.
            await SendActivitiesAsync(result.ActivityMessages, cancellationToken);
            await ForEachLimitedAsync(result.OrchestratorMessages, m => SendToControlQueueAsync(m, cancellationToken));
            stage = nameof(CommitStage.MessagesSent);
            RunHook(CommitStage.MessagesSent, instanceId);

            // 2. History, under the sentinel's ETag: the only step that can fail for a conflicting writer.
            //    A step without a row (messages for an instance that does not exist) writes neither.
            var history = held.State.History;
            if (result.Instance is not null && (result.NewEvents.Count > 0 || result.NewExecution))
            {
                history = await _history.AppendAsync(instanceId, history, result.NewEvents, result.NewExecution, cancellationToken);
            }

            stage = nameof(CommitStage.HistoryWritten);
            RunHook(CommitStage.HistoryWritten, instanceId);

            // 3. The row clients read; not rewritten when nothing in it but the update time would change (most
            //    steps of a running orchestration), since history, not the row, is what recovery relies on.
            var row = result.Instance;
            var blobs = held.State.InstanceBlobs;
            var rowETag = held.State.InstanceETag;
            var changed = false;
            if (result.Instance is not null && !OnlyUpdateTimeDiffers(held.State.Instance, result.Instance))
            {
                // Conditional on the row this step read, and never over a row written at a later history position:
                // a process still finishing a step for a partition it lost cannot put an older row back.
                var written = await _instances.WriteAsync(
                    result.Instance, history.Position, held.State.InstanceETag, held.State.Instance, held.State.InstanceBlobs, cancellationToken);
                if (written is { } done)
                {
                    (rowETag, blobs) = done;
                }
                else
                {
                    // The step is durable (its history is written); the row a later step wrote stands, and this
                    // process no longer knows the row: nothing stays cached.
                    Log.StaleRowWriteDropped(_logger, instanceId, history.Position);
                    rowETag = null;
                }

                // Waiting clients look at status, output and custom status; a step that changes none of them does not wake them.
                if (written is null)
                {
                    row = null;
                }
                else if (held.State.Instance is not { } before
                    || before.RuntimeStatus != result.Instance.RuntimeStatus
                    || !string.Equals(before.CustomStatus, result.Instance.CustomStatus, StringComparison.Ordinal)
                    || !string.Equals(before.Output, result.Instance.Output, StringComparison.Ordinal))
                {
                    changed = true;
                }
            }
            else if (result.Instance is not null)
            {
                row = held.State.Instance;
            }

            stage = nameof(CommitStage.InstanceUpdated);
            RunHook(CommitStage.InstanceUpdated, instanceId);
            RunHook(CommitStage.BeforeMessagesDeleted, instanceId);

            // 4. Only now are the consumed messages gone for good. The step is durable, so the deletions are
            //    cleanup: they run after the lock is released, off the instance's critical path; one that fails or
            //    never runs shows its message again later, as a duplicate the engine drops.
            stage = nameof(CommitStage.BeforeMessagesDeleted);
            var keep = row is not null && !row.RuntimeStatus.IsTerminal();
            _buffer.Complete(held.Slot, held.Token, held.Messages, keep ? new CachedInstance(history, row, blobs) { InstanceETag = rowETag } : null);
            foreach (var message in held.Messages)
            {
                message.Durability?.TrySetResult(true);
            }

            // After the cache holds the new row: a woken client may be answered from it.
            if (changed)
            {
                NotifyInstanceChanged(instanceId);
            }

            RunInBackground(DeleteConsumedAsync(instanceId, held.Messages));
        }
        catch (OrchestrationConcurrencyException e)
        {
            Log.CommitConflict(_logger, instanceId, e.Message);
            _buffer.DropCache(held.Slot);
            throw;
        }
        catch (Exception e)
        {
            Log.CommitFailed(_logger, instanceId, stage, e);
            held.StorageWasDown = StorageOutage.IsOutage(e);
            _buffer.DropCache(held.Slot);
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>A no-op when the lock already ended.</remarks>
    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.StoreState is OrchestrationLock held)
        {
            _buffer.Abandon(held.Slot, held.Token, held.Messages, delay, dropCache: false, countDelivery: !held.StorageWasDown);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The messages wait in this process's memory (their queue copies kept hidden) on the wall clock. Each further deferral
    /// of the same messages waits twice as long, up to <see cref="MaxDeferral"/>: a row whose start never comes (its
    /// process died between writing the row and the start) does not keep a dispatcher busy.
    /// </remarks>
    public Task DeferOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.StoreState is OrchestrationLock held)
        {
            var times = held.Messages.Count == 0 ? 0 : held.Messages.Max(m => m.Deferrals);
            foreach (var message in held.Messages)
            {
                message.Deferrals = times + 1;
            }

            var wait = TimeSpan.FromTicks(Math.Min(MaxDeferral.Ticks, delay.Ticks << Math.Min(times, 8)));
            _buffer.Abandon(held.Slot, held.Token, held.Messages, wait, dropCache: false, countDelivery: false, clock: TimeProvider.System);
        }

        return Task.CompletedTask;
    }

    /// <summary>The longest wait of messages deferred again and again for a start that does not come.</summary>
    internal static readonly TimeSpan MaxDeferral = TimeSpan.FromSeconds(5);

    private async Task DeleteConsumedAsync(string instanceId, IReadOnlyList<ReceivedMessage> messages)
    {
        try
        {
            await ForEachLimitedAsync(messages, m => DeleteMessageAsync(m, CancellationToken.None));
        }
        catch (Exception e)
        {
            Log.DeleteFailed(_logger, instanceId, e);
        }
    }

    private static bool OnlyUpdateTimeDiffers(InstanceState? stored, InstanceState next) =>
        stored is not null && stored with { LastUpdatedAt = next.LastUpdatedAt } == next;

    private void EnsureWithinLimits(string instanceId, OrchestrationStepResult result)
    {
        if (result.Instance is { } instance)
        {
            _payloads.EnsureWithinLimit(instanceId, "input", instance.Input);
            _payloads.EnsureWithinLimit(instanceId, "output", instance.Output);
            _payloads.EnsureWithinLimit(instanceId, "custom status", instance.CustomStatus);
        }

        foreach (var e in result.NewEvents)
        {
            _payloads.EnsureWithinLimit(instanceId, $"{e.EventType} event's input", e.Input);
            _payloads.EnsureWithinLimit(instanceId, $"{e.EventType} event's result", e.Result);
        }

        foreach (var message in result.ActivityMessages.Concat(result.OrchestratorMessages))
        {
            EnsureWithinLimits(message);
        }
    }

    private async Task PollControlQueueAsync(int partition, CancellationToken cancellationToken)
    {
        var queue = _controlQueues[partition];
        var nudge = _partitionNudges[partition];
        var backoff = new PollingBackoff(_options.MaxPollingInterval, _options.IdlePollingInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueMessage[] received;
            try
            {
                // Not cancelled half-way: a receive the service carried out hides its messages for the visibility
                // timeout, so this process must see what it got (and show it again below if the partition is gone).
                received = (await queue.ReceiveMessagesAsync(32, _options.ControlQueueVisibilityTimeout, CancellationToken.None)).Value;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping, or the partition went: storage may be gone too (a host that stops its Azurite), nothing to say.
                return;
            }
            catch (Exception e)
            {
                Log.PollFailed(_logger, queue.Name, e);
                received = [];
            }

            if (received.Length > 0)
            {
                backoff.Reset();
                try
                {
                    // All messages of one poll enter the buffer together, so that an instance's batch is one work item.
                    var taken = await Task.WhenAll(received.Select(m => TakeControlMessageAsync(partition, m, CancellationToken.None)));
                    var refused = _buffer.AddRange(partition, taken.OfType<ReceivedMessage>());
                    if (refused.Count > 0)
                    {
                        // The partition was given up while this poll was out: its next owner must not wait out the
                        // visibility timeout for these.
                        await ShowHeldMessagesAsync(refused);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        Log.PollFailed(_logger, queue.Name, e);
                    }
                }

                continue;
            }

            try
            {
                // A nudge (activity on this partition in this process) never polls at once, which would cost a
                // request per step; it only brings the next poll forward to the active interval. A wake-up signal
                // from another process (a message is known to wait) polls at once.
                var due = Environment.TickCount64 + (long)backoff.Next().TotalMilliseconds;
                while (true)
                {
                    var left = due - Environment.TickCount64;
                    if (left <= 0 || !await nudge.WaitAsync(TimeSpan.FromMilliseconds(left), cancellationToken))
                    {
                        break;
                    }

                    backoff.ResetTo(ActivePollingInterval);
                    if (Interlocked.Exchange(ref _partitionWokenUp[partition], 0) == 1)
                    {
                        // Another process says a message waits here: poll now.
                        break;
                    }

                    due = Math.Min(due, Environment.TickCount64 + (long)ActivePollingInterval.TotalMilliseconds);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads a polled message; null when it was moved to the poison queue, re-armed, or must be retried.</summary>
    private async Task<ReceivedMessage?> TakeControlMessageAsync(int partition, QueueMessage polled, CancellationToken cancellationToken)
    {
        var queue = _controlQueues[partition];
        OrchestrationMessage message;
        string? blob;
        var held = _buffer.Find(partition, polled.MessageId);
        if (held is not null)
        {
            (message, blob) = (held.Message, held.PayloadBlob);
        }
        else if (await ReadPolledAsync(queue, polled, cancellationToken) is { } read)
        {
            (message, blob) = read;
        }
        else
        {
            return null;
        }

        var remaining = message.VisibleAt is { } visibleAt ? visibleAt - UtcNow : TimeSpan.Zero;
        if (remaining > _options.ControlQueueVisibilityTimeout)
        {
            // Shown before it is due (a delay beyond the queue's seven-day limit, or another clock): put a fresh copy
            // back for the rest of the wait, so that re-arming does not count as a delivery, and keep it in memory
            // to hand out when the store's clock says it is due.
            var copy = await queue.SendMessageAsync(
                polled.MessageText, Min(remaining + _options.ControlQueueVisibilityTimeout, MaxVisibilityDelay), NeverExpires, cancellationToken);
            await queue.DeleteMessageAsync(polled.MessageId, polled.PopReceipt, cancellationToken);
            if (held is not null)
            {
                _buffer.Forget(partition, held);
            }

            _buffer.Add(partition, new ReceivedMessage(queue, copy.Value.MessageId, copy.Value.PopReceipt, message, blob));
            Log.Rearmed(_logger, copy.Value.MessageId, message.InstanceId, message.VisibleAt!.Value);
            return null;
        }

        // A message already held only gets its new pop receipt.
        return new ReceivedMessage(queue, polled.MessageId, polled.PopReceipt, message, blob)
        {
            DeliveryCount = (int)Math.Max(1, polled.DequeueCount),
        };
    }
}
