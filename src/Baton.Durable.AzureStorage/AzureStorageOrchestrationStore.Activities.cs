using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues.Models;
using Baton.Durable.Storage;

namespace Baton.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Activity requests are shared by every process of the task hub through <c>&lt;hub&gt;-workitems</c>; a lock lasts
    /// <see cref="AzureStorageOrchestrationStoreOptions.WorkItemVisibilityTimeout"/> unless renewed, after which another
    /// worker may run the activity again (activities run at least once).
    /// </remarks>
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken = default)
    {
        EnsureActivityPollerStarted();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(receiveTimeout);
        while (true)
        {
            ReceivedMessage item;
            try
            {
                item = await _activities.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            if (_activitySpace.CurrentCount == 0)
            {
                _activitySpace.Release();
            }
            if (Environment.TickCount64 - item.LockedSinceTicks > _options.WorkItemVisibilityTimeout.TotalMilliseconds / 2
                && !await TryRenewAsync(item, cancellationToken))
            {
                ReleaseActivity(item);
                continue;
            }

            return new ActivityWorkItem { Message = item.ToDelivery(), StoreState = item };
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The lock was lost: another worker may run the activity.</exception>
    public async Task RenewActivityWorkItemLockAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var item = (ReceivedMessage)workItem.StoreState!;
        if (!await TryRenewAsync(item, cancellationToken))
        {
            throw new InvalidOperationException(
                $"The lock on activity '{item.Message.Event.Name}' of orchestration '{item.Message.InstanceId}' was lost; another worker may run it.");
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// When this process owns the partition of the activity's orchestration, the result is handed to the
    /// orchestration dispatcher in memory: no control-queue message is written, and the request stays (hidden) in the
    /// work-item queue until the step that records the result in history deletes it, as it deletes any consumed
    /// message. The request is therefore deleted only once the result is durable; a crash before that shows the
    /// request again after <see cref="AzureStorageOrchestrationStoreOptions.WorkItemVisibilityTimeout"/> and the
    /// activity runs again (activities run at least once; the engine drops the duplicate result). A partition lost
    /// meanwhile passes its held results on through its control queue. Otherwise the result is sent to the control
    /// queue first and the request deleted after.
    /// </remarks>
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(response);
        var item = (ReceivedMessage)workItem.StoreState!;
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        EnsureWithinLimits(response);
        ReleaseActivity(item);

        var partition = PartitionOf(response.InstanceId);
        if (_buffer.IsOwned(partition))
        {
            var handoff = new ReceivedMessage(item.Queue, item.QueueMessageId, item.PopReceipt, response, item.PayloadBlob)
            {
                IsHandoff = true,
                HiddenAtTicks = item.HiddenAtTicks,
                Key = item.Key,
                Group = item.Group,
                GroupIndex = item.GroupIndex,
            };
            if (_buffer.Add(partition, handoff))
            {
                NudgePoller(partition);
                return;
            }
        }

        // The result is durable before the request disappears: a crash in between runs the activity again.
        await SendToControlQueueAsync(response, cancellationToken);
        await DeleteMessageAsync(item, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A request that shares a group message with others is put back as a message of its own before its part of the
    /// group is settled (a crash in between runs it twice); best effort, like making a message visible again.
    /// </remarks>
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var item = (ReceivedMessage)workItem.StoreState!;
        ReleaseActivity(item);
        if (_disposed != 0)
        {
            return;
        }

        if (item.Group is null)
        {
            await TryUpdateVisibilityAsync(item.Queue, item.QueueMessageId, item.PopReceipt, TimeSpan.Zero);
            return;
        }

        try
        {
            var (text, _) = await _codec.EncodeAsync(item.Message, cancellationToken);
            await _workItems.SendMessageAsync(text, null, NeverExpires, cancellationToken);
            NudgeWorkItemPoller();
            await DeleteMessageAsync(item, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            // The group message shows again when its visibility timeout ends, and its unsettled requests run again.
        }
    }

    /// <summary>
    /// Sends a step's activity requests. Up to <see cref="MaxParallelRequests"/> requests go one per message; more
    /// share messages, at most <see cref="MaxParallelRequests"/> of them (each within the inline message size), so that
    /// a fan-out of a thousand costs a few dozen puts and deletes instead of a thousand each, and keeps few messages
    /// live in the queue. A request that needs a payload blob always goes alone.
    /// </summary>
    private async Task SendActivitiesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count <= MaxParallelRequests)
        {
            await ForEachLimitedAsync(messages, m => SendActivityAsync(m, cancellationToken));
            return;
        }

        var perGroup = (messages.Count + MaxParallelRequests - 1) / MaxParallelRequests;
        var groups = new List<List<(OrchestrationMessage Message, string Json)>>();
        var alone = new List<OrchestrationMessage>();
        List<(OrchestrationMessage Message, string Json)>? current = null;
        var bytes = 0;
        foreach (var message in messages)
        {
            if (MessageCodec.TryEncodeInline(message) is not { } json)
            {
                alone.Add(message);
                continue;
            }

            var size = MessageCodec.GroupBytes(json);
            if (current is null || current.Count >= perGroup || bytes + size > PayloadStore.MaxInlineMessageBytes - MessageCodec.GroupOverhead)
            {
                current = [];
                groups.Add(current);
                bytes = 0;
            }

            current.Add((message, json));
            bytes += size;
        }

        alone.AddRange(groups.Where(g => g.Count == 1).Select(g => g[0].Message));
        groups.RemoveAll(g => g.Count == 1);
        await Task.WhenAll(
            ForEachLimitedAsync(groups, g => SendActivityGroupAsync(g, cancellationToken)),
            ForEachLimitedAsync(alone, m => SendActivityAsync(m, cancellationToken)));
    }

    private async Task SendActivityGroupAsync(List<(OrchestrationMessage Message, string Json)> group, CancellationToken cancellationToken)
    {
        var keep = _activityLoop is not null && _activities.Reader.Count < _activityPrefetch * KeptPerPrefetch;
        var text = MessageCodec.EncodeGroup(group.Select(g => g.Json));
        var receipt = (await _workItems.SendMessageAsync(text, keep ? _options.WorkItemVisibilityTimeout : null, NeverExpires, cancellationToken)).Value;
        if (!keep)
        {
            NudgeWorkItemPoller();
            _wakeUp.SignalWorkItems();
            return;
        }

        var handle = new ActivityRequestGroup(_workItems, receipt.MessageId, receipt.PopReceipt, group.Count);
        _requestGroups[receipt.MessageId] = handle;
        for (var i = 0; i < group.Count; i++)
        {
            await HoldActivityAsync(GroupMember(handle, i, group[i].Message, deliveryCount: 1), cancellationToken);
        }
    }

    private static ReceivedMessage GroupMember(ActivityRequestGroup group, int index, OrchestrationMessage message, int deliveryCount) =>
        new(group.Queue, group.QueueMessageId, string.Empty, message, null)
        {
            Key = group.QueueMessageId + "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Group = group,
            GroupIndex = index,
            DeliveryCount = deliveryCount,
            HiddenAtTicks = group.HiddenAtTicks,
        };

    private void NudgeWorkItemPoller()
    {
        if (_activityLoop is not null && _workItemNudge.CurrentCount == 0)
        {
            try
            {
                _workItemNudge.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    private async Task SendActivityAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        // Requests this process keeps go through the coalescer: steps that send while another put is in flight share
        // the next put (one group message) instead of paying one each.
        if (_activityLoop is not null && MessageCodec.TryEncodeInline(message) is { } json)
        {
            await _activitySends.SendAsync(message, json, cancellationToken);
            return;
        }

        await SendActivityAloneAsync(message, cancellationToken);
    }

    /// <summary>
    /// Puts the requests gathered by <see cref="ActivitySendCoalescer"/>: one alone as before, several as one group
    /// message. Returns when the message is in the queue, so every step waiting on it may go on to write its history.
    /// </summary>
    private Task PutCoalescedAsync(IReadOnlyList<(OrchestrationMessage Message, string Json)> batch, CancellationToken cancellationToken) =>
        batch.Count == 1 ? PutActivityAsync(batch[0].Message, batch[0].Json, null, cancellationToken) : SendActivityGroupAsync([.. batch], cancellationToken);

    private async Task SendActivityAloneAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        var (text, blob) = await _codec.EncodeAsync(message, cancellationToken);
        await PutActivityAsync(message, text, blob, cancellationToken);
    }

    /// <summary>Puts one request already encoded as <paramref name="text"/> (with its payload blob, if any).</summary>
    private async Task PutActivityAsync(OrchestrationMessage message, string text, string? blob, CancellationToken cancellationToken)
    {
        // A process that runs activities keeps what it schedules (hidden in the queue meanwhile) instead of polling
        // it back; beyond its prefetch the requests stay visible for any worker.
        var keep = _activityLoop is not null && _activities.Reader.Count < _activityPrefetch * KeptPerPrefetch;
        var receipt = await _workItems.SendMessageAsync(text, keep ? _options.WorkItemVisibilityTimeout : null, NeverExpires, cancellationToken);
        if (keep)
        {
            await HoldActivityAsync(new ReceivedMessage(_workItems, receipt.Value.MessageId, receipt.Value.PopReceipt, message, blob), cancellationToken);
        }
        else
        {
            // Visible in the queue now: this process's poller takes it as soon as it has room, or another process's.
            NudgeWorkItemPoller();
            _wakeUp.SignalWorkItems();
        }
    }

    /// <summary>
    /// How many times its poll prefetch a process keeps of what it schedules itself: a fan-out is then run without
    /// polling most of it back (each poll of a long queue is costly on Azurite), while requests beyond it stay visible
    /// for other processes. Kept requests waiting longer than half their visibility timeout are renewed when taken.
    /// </summary>
    internal const int KeptPerPrefetch = 8;

    /// <summary>How much slower than <see cref="AzureStorageOrchestrationStoreOptions.MaxPollingInterval"/> an idle work-item queue is polled by a process that owns every partition.</summary>
    internal const int SoleOwnerWorkItemPollingFactor = 5;

    private Task<bool> TryRenewAsync(ReceivedMessage item, CancellationToken cancellationToken) =>
        RenewMessageAsync(item, _options.WorkItemVisibilityTimeout, cancellationToken);

    /// <summary>Hides a held message for another <paramref name="visibility"/>; false when it is gone or was received by another reader.</summary>
    private static async Task<bool> RenewMessageAsync(ReceivedMessage item, TimeSpan visibility, CancellationToken cancellationToken)
    {
        if (item.Group is { } group)
        {
            return await group.RenewAsync(visibility, cancellationToken);
        }

        await item.ReceiptGate.WaitAsync(cancellationToken);
        try
        {
            var started = Environment.TickCount64;
            var receipt = await item.Queue.UpdateMessageAsync(
                item.QueueMessageId, item.PopReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken);
            item.PopReceipt = receipt.Value.PopReceipt;
            item.HiddenAtTicks = started;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            return false;
        }
        finally
        {
            item.ReceiptGate.Release();
        }
    }

    /// <summary>
    /// Keeps every message this process holds hidden while it holds it: control messages waiting for or in a step,
    /// activity requests waiting to run or running, and the requests of results handed over in memory. Visibility
    /// timeouts can then be short, so that after a crash the next owner sees what the dead process held within
    /// about one visibility timeout, instead of waiting out a long one.
    /// </summary>
    private async Task RenewHeldMessagesAsync(CancellationToken cancellationToken)
    {
        var shortest = _options.ControlQueueVisibilityTimeout < _options.WorkItemVisibilityTimeout
            ? _options.ControlQueueVisibilityTimeout
            : _options.WorkItemVisibilityTimeout;
        var period = TimeSpan.FromMilliseconds(Math.Max(250, shortest.TotalMilliseconds / 5));
        using var timer = new PeriodicTimer(period);
        while (await WaitQuietlyAsync(timer, cancellationToken))
        {
            try
            {
                var now = Environment.TickCount64;
                var control = _buffer.DueForRenewal(now - (long)(_options.ControlQueueVisibilityTimeout.TotalMilliseconds / 2));
                var activities = _heldActivities.Keys
                    .Where(a => now - a.LockedSinceTicks > _options.WorkItemVisibilityTimeout.TotalMilliseconds / 2)
                    .ToList();
                var groups = new HashSet<ActivityRequestGroup>();
                var renewals = control.Concat(activities)
                    .Where(m => m.Group is null || groups.Add(m.Group))
                    .ToList();
                if (renewals.Count == 0)
                {
                    continue;
                }

                await ForEachLimitedAsync(renewals, m => RenewMessageAsync(
                    m, ReferenceEquals(m.Queue, _workItems) ? _options.WorkItemVisibilityTimeout : _options.ControlQueueVisibilityTimeout, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.RenewalFailed(_logger, e);
            }
        }
    }

    private static async Task<bool> WaitQuietlyAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Activity requests this process holds (waiting in its prefetch or running), kept hidden by <see cref="RenewHeldMessagesAsync"/>.</summary>
    private readonly ConcurrentDictionary<ReceivedMessage, byte> _heldActivities = new(ReferenceEqualityComparer.Instance);

    private ValueTask HoldActivityAsync(ReceivedMessage item, CancellationToken cancellationToken)
    {
        _heldActivities[item] = 0;
        return _activities.Writer.WriteAsync(item, cancellationToken);
    }

    private void ReleaseActivity(ReceivedMessage item) => _heldActivities.TryRemove(item, out _);

    private void EnsureActivityPollerStarted()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_activityLoop is not null)
        {
            return;
        }

        lock (_startGate)
        {
            _activityLoop ??= Task.Run(() => PollWorkItemsAsync(_stopping.Token));
            _renewalLoop ??= Task.Run(() => RenewHeldMessagesAsync(_stopping.Token));
        }
    }

    private async Task PollWorkItemsAsync(CancellationToken cancellationToken)
    {
        var backoff = new PollingBackoff(_options.MaxPollingInterval, _options.IdlePollingInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var room = _activityPrefetch - _activities.Reader.Count;
                if (room <= 0)
                {
                    await _activitySpace.WaitAsync(_options.MaxPollingInterval, cancellationToken);
                    continue;
                }

                QueueMessage[] received;
                try
                {
                    received = (await _workItems.ReceiveMessagesAsync(Math.Min(32, room), _options.WorkItemVisibilityTimeout, cancellationToken)).Value;
                }
                catch (RequestFailedException e)
                {
                    Log.PollFailed(_logger, _workItems.Name, e);
                    received = [];
                }

                if (received.Length == 0)
                {
                    // Requests come from the owners of orchestration partitions, and an owner runs what it schedules
                    // itself (up to its prefetch). A process that owns every partition only finds requests here that
                    // it could not take (a burst beyond its prefetch, polled at once since room frees) or left by
                    // a previous owner, visible again only after their visibility timeout; slower polling costs nothing.
                    backoff.Max = _buffer.OwnedCount == _options.PartitionCount
                        ? _options.MaxPollingInterval * SoleOwnerWorkItemPollingFactor
                        : _options.MaxPollingInterval;
                    if (await _workItemNudge.WaitAsync(backoff.Next(), cancellationToken))
                    {
                        backoff.Reset();
                    }

                    continue;
                }

                backoff.Reset();
                var started = Environment.TickCount64;
                foreach (var polled in received)
                {
                    if (await ReadPolledAsync(_workItems, polled, _codec.DecodeRequestsAsync, cancellationToken) is not { } read)
                    {
                        continue;
                    }

                    var deliveries = (int)Math.Max(1, polled.DequeueCount);
                    if (!read.IsGroup)
                    {
                        await HoldActivityAsync(
                            new ReceivedMessage(_workItems, polled.MessageId, polled.PopReceipt, read.Messages[0], read.PayloadBlob)
                            {
                                DeliveryCount = deliveries,
                                HiddenAtTicks = started,
                            },
                            cancellationToken);
                        continue;
                    }

                    await TakeGroupAsync(polled, read.Messages, deliveries, started, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.PollFailed(_logger, _workItems.Name, e);
                try
                {
                    await Task.Delay(_options.MaxPollingInterval, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Queues the requests of a polled group message that are not settled yet. A group this process already knows
    /// (delivered again after its visibility timeout) keeps what it settled: those results are durable.
    /// </summary>
    private async Task TakeGroupAsync(
        QueueMessage polled, IReadOnlyList<OrchestrationMessage> requests, int deliveries, long started, CancellationToken cancellationToken)
    {
        if (_activities.Reader.Count >= _activityPrefetch * KeptPerPrefetch)
        {
            // A poll takes up to 32 messages, and a group message holds up to 32 requests: hand back what this process
            // would not start before long, for another process (or a later poll) to take.
            await TryUpdateVisibilityAsync(_workItems, polled.MessageId, polled.PopReceipt, TimeSpan.Zero);
            return;
        }

        var handle = _requestGroups.GetOrAdd(polled.MessageId, id => new ActivityRequestGroup(_workItems, id, polled.PopReceipt, requests.Count));
        if (handle.Count != requests.Count)
        {
            handle = new ActivityRequestGroup(_workItems, polled.MessageId, polled.PopReceipt, requests.Count);
            _requestGroups[polled.MessageId] = handle;
        }

        var open = handle.Redelivered(polled.PopReceipt, started);
        if (open.Count == 0)
        {
            // Every request's result is durable; only the deletion had not happened.
            _requestGroups.TryRemove(KeyValuePair.Create(polled.MessageId, handle));
            try
            {
                await _workItems.DeleteMessageAsync(polled.MessageId, polled.PopReceipt, cancellationToken);
            }
            catch (RequestFailedException)
            {
            }

            return;
        }

        foreach (var index in open)
        {
            await HoldActivityAsync(GroupMember(handle, index, requests[index], deliveries), cancellationToken);
        }
    }
}
