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
            if (Environment.TickCount64 - item.HiddenAtTicks > _options.WorkItemVisibilityTimeout.TotalMilliseconds / 2
                && !await TryRenewAsync(item, cancellationToken))
            {
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

        var partition = PartitionOf(response.InstanceId);
        if (_buffer.IsOwned(partition))
        {
            var handoff = new ReceivedMessage(item.Queue, item.QueueMessageId, item.PopReceipt, response, item.PayloadBlob)
            {
                IsHandoff = true,
                HiddenAtTicks = item.HiddenAtTicks,
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
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var item = (ReceivedMessage)workItem.StoreState!;
        if (_disposed == 0)
        {
            await TryUpdateVisibilityAsync(item.Queue, item.QueueMessageId, item.PopReceipt, TimeSpan.Zero);
        }
    }

    private async Task SendActivityAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        var (text, blob) = await _codec.EncodeAsync(message, cancellationToken);

        // A process that runs activities keeps what it schedules (hidden in the queue meanwhile) instead of polling
        // it back; beyond its prefetch the requests stay visible for any worker.
        var keep = _activityLoop is not null && _activities.Reader.Count < _activityPrefetch * KeptPerPrefetch;
        var receipt = await _workItems.SendMessageAsync(text, keep ? _options.WorkItemVisibilityTimeout : null, NeverExpires, cancellationToken);
        if (keep)
        {
            await _activities.Writer.WriteAsync(new ReceivedMessage(_workItems, receipt.Value.MessageId, receipt.Value.PopReceipt, message, blob), cancellationToken);
        }
        else if (_activityLoop is not null && _workItemNudge.CurrentCount == 0)
        {
            // Visible in the queue now: this process's poller takes it as soon as it has room.
            try
            {
                _workItemNudge.Release();
            }
            catch (SemaphoreFullException)
            {
            }
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

    private async Task<bool> TryRenewAsync(ReceivedMessage item, CancellationToken cancellationToken)
    {
        try
        {
            var started = Environment.TickCount64;
            var receipt = await item.Queue.UpdateMessageAsync(
                item.QueueMessageId, item.PopReceipt, visibilityTimeout: _options.WorkItemVisibilityTimeout, cancellationToken: cancellationToken);
            item.PopReceipt = receipt.Value.PopReceipt;
            item.HiddenAtTicks = started;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            return false;
        }
    }

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
        }
    }

    private async Task PollWorkItemsAsync(CancellationToken cancellationToken)
    {
        var backoff = new PollingBackoff(_options.MaxPollingInterval);
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
                    if (await ReadPolledAsync(_workItems, polled, cancellationToken) is { } read)
                    {
                        await _activities.Writer.WriteAsync(
                            new ReceivedMessage(_workItems, polled.MessageId, polled.PopReceipt, read.Message, read.Blob)
                            {
                                DeliveryCount = (int)Math.Max(1, polled.DequeueCount),
                                HiddenAtTicks = started,
                            },
                            cancellationToken);
                    }
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
}
