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
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(response);
        var item = (ReceivedMessage)workItem.StoreState!;
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        EnsureWithinLimits(response);

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
        var keep = _activityLoop is not null && _activities.Reader.Count < _activityPrefetch;
        var receipt = await _workItems.SendMessageAsync(text, keep ? _options.WorkItemVisibilityTimeout : null, NeverExpires, cancellationToken);
        if (keep)
        {
            await _activities.Writer.WriteAsync(new ReceivedMessage(_workItems, receipt.Value.MessageId, receipt.Value.PopReceipt, message, blob), cancellationToken);
        }
    }

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
                    await Task.Delay(backoff.Next(), cancellationToken);
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
