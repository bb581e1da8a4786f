using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Baton.Durable.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// The orchestration store on Azure Storage (or Azurite): instance rows in <c>&lt;Hub&gt;Instances</c>, histories in
/// <c>&lt;Hub&gt;History</c>, orchestration messages in <c>&lt;hub&gt;-control-NN</c> queues, activity requests in
/// <c>&lt;hub&gt;-workitems</c>, large payloads in <c>&lt;hub&gt;-payloads</c> and partition leases in
/// <c>&lt;hub&gt;-leases</c>. Several processes can share one task hub.
/// </summary>
/// <remarks>
/// Guarantees, beyond <see cref="IOrchestrationStore"/>'s: messages are delivered at least once, never before their
/// <see cref="OrchestrationMessage.VisibleAt"/> on the store's <see cref="TimeProvider"/>; activities therefore run at
/// least once, and a crash between two commit stages is recovered by redelivery. A message that can never be read
/// is moved to <c>&lt;hub&gt;-poison</c> instead of being retried forever. Messages this process sends to a
/// partition it owns are handed to its dispatcher at once, without a poll. All members are thread-safe.
/// </remarks>
public sealed partial class AzureStorageOrchestrationStore : IOrchestrationStore, IAsyncDisposable
{
    /// <summary>Queue message visibility delays are limited to seven days; longer delays are re-armed.</summary>
    internal static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly AzureStorageOrchestrationStoreOptions _options;
    private readonly TaskHubName _names;
    private readonly StorageClients _clients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PayloadStore _payloads;
    private readonly MessageCodec _codec;
    private readonly HistoryTable _history;
    private readonly InstanceTable _instances;
    private readonly QueueClient[] _controlQueues;
    private readonly QueueClient _workItems;
    private readonly QueueClient _poison;
    private readonly OrchestrationBuffer _buffer;
    private readonly PartitionLeases _leases;
    private readonly WakeUpSignals _wakeUp;
    private readonly Channel<ReceivedMessage> _activities = Channel.CreateUnbounded<ReceivedMessage>();
    private readonly ConcurrentDictionary<string, ActivityRequestGroup> _requestGroups = new(StringComparer.Ordinal);
    private readonly ActivitySendCoalescer _activitySends;
    private readonly SemaphoreSlim _activitySpace = new(0);
    private readonly SemaphoreSlim _workItemNudge = new(0, 1);
    private readonly int _activityPrefetch;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _instanceChanges = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource?[] _partitionPollers;
    private readonly SemaphoreSlim[] _partitionNudges;
    private readonly int[] _partitionWokenUp;
    private readonly List<Task> _handoffFlushes = [];
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly Lock _startGate = new();
    private Task? _leaseLoop;
    private Task? _activityLoop;
    private Task? _renewalLoop;
    private int _disposed;

    /// <summary>Creates the store; validates the options (the hub name among them) and the connection settings, but does not touch storage yet.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">Where logs go; none when null.</param>
    /// <param name="timeProvider">The clock that decides when delayed messages are due; the system clock when null.</param>
    /// <param name="configuration">Configuration to find <see cref="AzureStorageOrchestrationStoreOptions.ConnectionName"/> in.</param>
    /// <param name="componentFactory">Creates credentials from configuration sections, the Microsoft.Extensions.Azure way.</param>
    public AzureStorageOrchestrationStore(
        AzureStorageOrchestrationStoreOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        IConfiguration? configuration = null,
        AzureComponentFactory? componentFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _names = TaskHubName.Create(options.HubName, options.PartitionCount);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<AzureStorageOrchestrationStore>();
        RequestCounter = new StorageRequestCounter();
        _clients = StorageClients.Create(options, RequestCounter, configuration, componentFactory);

        _payloads = new PayloadStore(_clients.Blobs.GetBlobContainerClient(_names.PayloadContainer), options.MaxPayloadBytes);
        _codec = new MessageCodec(_payloads);
        _activitySends = new ActivitySendCoalescer(PutCoalescedAsync);
        _history = new HistoryTable(_clients.Tables.GetTableClient(_names.HistoryTable), _payloads);
        _instances = new InstanceTable(_clients.Tables.GetTableClient(_names.InstancesTable), _payloads);
        _controlQueues = _names.ControlQueues.Select(_clients.Queues.GetQueueClient).ToArray();
        _workItems = _clients.Queues.GetQueueClient(_names.WorkItemQueue);
        _poison = _clients.Queues.GetQueueClient(_names.PoisonQueue);
        _buffer = new OrchestrationBuffer(options.PartitionCount, _time, options.MaxCachedInstances);
        _partitionPollers = new CancellationTokenSource?[options.PartitionCount];
        _partitionNudges = Enumerable.Range(0, options.PartitionCount).Select(_ => new SemaphoreSlim(0, 1)).ToArray();
        _partitionWokenUp = new int[options.PartitionCount];
        _activityPrefetch = Math.Clamp(options.MaxConcurrentActivityFunctions ?? 32, 8, 256);
        _wakeUp = new WakeUpSignals(_names.Name, options.WakeUpAddress, _logger, OnWokenUp, NudgeWorkItemPoller, ct => _leases!.ListWakeUpEndpointsAsync(ct));
        _leases = new PartitionLeases(
            _clients.Blobs.GetBlobContainerClient(_names.LeaseContainer), options.PartitionCount, options, _logger, OnPartitionAcquired, OnPartitionLost, _wakeUp);
    }

    /// <summary>The task hub name.</summary>
    public string HubName => _names.Name;

    /// <summary>Counts every storage request this store sends, in total and by kind.</summary>
    public StorageRequestCounter RequestCounter { get; }

    /// <summary>How many control-queue partitions this process owns right now.</summary>
    public int OwnedPartitionCount => _buffer.OwnedCount;

    /// <inheritdoc />
    /// <exception cref="StorageUnreachableException">Storage did not answer.</exception>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Task.WhenAll(
                _history.Client.CreateIfNotExistsAsync(cancellationToken),
                _instances.Client.CreateIfNotExistsAsync(cancellationToken));
            var creations = new List<Task>(_controlQueues.Length + 4);
            creations.AddRange(_controlQueues.Append(_workItems).Append(_poison).Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
            creations.Add(_payloads.Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            creations.Add(CreateLeaseBlobsAsync(cancellationToken));
            await Task.WhenAll(creations);
        }
        catch (Exception e) when (StorageClients.IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnreachableException(_clients.Tables.Uri.ToString(), e);
        }
    }

    private async Task CreateLeaseBlobsAsync(CancellationToken cancellationToken)
    {
        var container = _clients.Blobs.GetBlobContainerClient(_names.LeaseContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, _options.PartitionCount).Select(async p =>
        {
            try
            {
                await container.GetBlobClient(PartitionLeases.BlobName(p)).UploadAsync(
                    BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Exists already (and may be leased by another process).
            }
        }));
    }

    /// <summary>Stops polling, releases the partition leases (so that another process takes them at once) and drops what is held in memory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _wakeUp.DisposeAsync();
        await WaitQuietlyAsync(_leaseLoop);
        await WaitQuietlyAsync(_activityLoop);
        await WaitQuietlyAsync(_renewalLoop);
        await _leases.ReleaseAllAsync();
        Task[] flushes;
        lock (_handoffFlushes)
        {
            flushes = [.. _handoffFlushes];
        }

        await Task.WhenAll(flushes);
        await Task.WhenAll(_background.Keys);
        _stopping.Dispose();
    }

    /// <summary>Stops dead, as a crashed process would: no more polls, renewals or deletions. Leases are released only when asked.</summary>
    internal async Task StopAbruptlyAsync(bool releaseLeases)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _wakeUp.DisposeAsync();
        await WaitQuietlyAsync(_leaseLoop);
        await WaitQuietlyAsync(_activityLoop);
        await WaitQuietlyAsync(_renewalLoop);
        _heldActivities.Clear();
        for (var p = 0; p < _options.PartitionCount; p++)
        {
            // A crash passes nothing on: results held in memory come back as their requests show again.
            Interlocked.Exchange(ref _partitionPollers[p], null)?.Cancel();
            foreach (var dropped in _buffer.Lose(p))
            {
                dropped.Durability?.TrySetResult(false);
            }
        }

        if (releaseLeases)
        {
            await _leases.ReleaseAllAsync();
        }
    }

    private static async Task WaitQuietlyAsync(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void EnsurePartitionsStarted()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_leaseLoop is not null)
        {
            return;
        }

        lock (_startGate)
        {
            if (_leaseLoop is null)
            {
                // Listening first, so that the first presence write advertises the endpoint.
                _wakeUp.Listen();
                _leaseLoop = Task.Run(() => _leases.RunAsync(_stopping.Token));
            }

            _renewalLoop ??= Task.Run(() => RenewHeldMessagesAsync(_stopping.Token));
        }
    }

    private void OnPartitionAcquired(int partition)
    {
        _buffer.Own(partition);
        var poller = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        Interlocked.Exchange(ref _partitionPollers[partition], poller)?.Cancel();
        _ = Task.Run(() => PollControlQueueAsync(partition, poller.Token));
        RunInBackground(Task.Run(() => RecoverPartitionAsync(partition, poller.Token)));
    }

    private void OnPartitionLost(int partition)
    {
        Interlocked.Exchange(ref _partitionPollers[partition], null)?.Cancel();
        var handoffs = _buffer.Lose(partition, out var held);
        if (handoffs.Count > 0 || held.Count > 0)
        {
            var flush = Task.Run(async () =>
            {
                await PassOnHandoffsAsync(handoffs);
                await ShowHeldMessagesAsync(held);
            });
            lock (_handoffFlushes)
            {
                _handoffFlushes.RemoveAll(t => t.IsCompleted);
                _handoffFlushes.Add(flush);
            }
        }
    }

    /// <summary>
    /// Sends activity results that were held in memory for a partition this process no longer owns to its control
    /// queue, where the new owner finds them, and only then deletes their requests. Best effort: a result not passed
    /// on is produced again when its request shows again.
    /// </summary>
    private async Task PassOnHandoffsAsync(IReadOnlyList<ReceivedMessage> handoffs)
    {
        foreach (var handoff in handoffs)
        {
            try
            {
                await SendToControlQueueAsync(handoff.Message, CancellationToken.None);
                await DeleteMessageAsync(handoff, CancellationToken.None);
                handoff.Durability?.TrySetResult(true);
            }
            catch (Exception e)
            {
                Log.HandoffNotPassedOn(_logger, handoff.Message.InstanceId, e);
                handoff.Durability?.TrySetResult(false);
            }
        }
    }

    /// <summary>
    /// Makes the queue messages this process held for a partition it gave up visible again (a delayed one when it is
    /// due), so that the next owner, or this process after a restart, sees them at once rather than after the
    /// visibility timeout. Best effort: a message not updated shows when its timeout ends.
    /// </summary>
    private async Task ShowHeldMessagesAsync(IReadOnlyList<ReceivedMessage> held)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await Task.WhenAll(held.Select(message =>
        {
            var remaining = message.Message.VisibleAt is { } due && due > now ? Min(due - now, MaxVisibilityDelay) : TimeSpan.Zero;
            return TryUpdateVisibilityAsync(message.Queue, message.QueueMessageId, message.PopReceipt, remaining);
        }));
    }

    /// <summary>
    /// Tells the partition's poller that the partition is busy: its next poll comes within
    /// <see cref="ActivePollingInterval"/> instead of at the idle ceiling. Messages from other processes tend to follow
    /// activity (a client answers what it just saw), and a busy partition is cheap to poll relative to its traffic.
    /// </summary>
    private void NudgePoller(int partition)
    {
        var nudge = _partitionNudges[partition];
        if (nudge.CurrentCount == 0)
        {
            try
            {
                nudge.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread nudged it first.
            }
        }
    }

    /// <summary>Another process has put a message in a partition's control queue: poll it at once if this process owns it.</summary>
    private void OnWokenUp(int partition)
    {
        if (partition >= 0 && partition < _options.PartitionCount && _buffer.IsOwned(partition))
        {
            Volatile.Write(ref _partitionWokenUp[partition], 1);
            NudgePoller(partition);
        }
    }

    /// <summary>How soon a busy partition is polled for messages from other processes.</summary>
    internal static readonly TimeSpan ActivePollingInterval = TimeSpan.FromMilliseconds(100);

    private int PartitionOf(string instanceId) => PartitionHash.Of(instanceId, _options.PartitionCount);

    private DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    /// <summary>Sends a message to its instance's control queue; if this process owns that partition it also keeps the message for its own dispatcher.</summary>
    private async Task SendToControlQueueAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(message.InstanceId);
        var queue = _controlQueues[partition];
        var (text, blob) = await _codec.EncodeAsync(message, cancellationToken);
        var delay = message.VisibleAt is { } visibleAt ? visibleAt - UtcNow : TimeSpan.Zero;
        var owned = _buffer.IsOwned(partition);
        TimeSpan? visibility = owned
            ? Min(delay > TimeSpan.Zero ? delay + _options.ControlQueueVisibilityTimeout : _options.ControlQueueVisibilityTimeout, MaxVisibilityDelay)
            : delay > TimeSpan.Zero ? Min(delay, MaxVisibilityDelay) : null;
        var receipt = await queue.SendMessageAsync(text, visibility, NeverExpires, cancellationToken);
        if (owned && _buffer.Add(partition, new ReceivedMessage(queue, receipt.Value.MessageId, receipt.Value.PopReceipt, message, blob)))
        {
            NudgePoller(partition);
        }
        else if (!owned && delay <= TimeSpan.Zero)
        {
            // The owner is another process, perhaps idle and polling rarely: tell it.
            _wakeUp.SignalPartition(partition);
        }
        else if (owned)
        {
            // The partition was lost meanwhile: let its new owner see the message when it is due.
            await TryUpdateVisibilityAsync(queue, receipt.Value.MessageId, receipt.Value.PopReceipt, delay > TimeSpan.Zero ? Min(delay, MaxVisibilityDelay) : TimeSpan.Zero);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// Runs <paramref name="action"/> on every item with at most <see cref="MaxParallelRequests"/> requests in flight:
    /// a fan-out of a thousand is sent faster over a few dozen connections than over a thousand new ones.
    /// </summary>
    private static async Task ForEachLimitedAsync<T>(IReadOnlyList<T> items, Func<T, Task> action)
    {
        if (items.Count <= 1)
        {
            if (items.Count == 1)
            {
                await action(items[0]);
            }

            return;
        }

        await Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests },
            async (item, _) => await action(item));
    }

    /// <summary>How many requests one commit sends at once.</summary>
    internal const int MaxParallelRequests = 32;

    /// <summary>Keeps track of cleanup that runs after a call returned, so that disposing waits for it.</summary>
    private void RunInBackground(Task work)
    {
        if (work.IsCompleted)
        {
            return;
        }

        _background.TryAdd(work, 0);
        _ = work.ContinueWith(static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _), _background, TaskScheduler.Default);
    }

    private async Task TryUpdateVisibilityAsync(QueueClient queue, string messageId, string popReceipt, TimeSpan visibility)
    {
        try
        {
            await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: visibility);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            // Best effort: the message shows again when its visibility timeout ends.
            Log.VisibilityNotUpdated(_logger, messageId, queue.Name, e.Message);
        }
    }

    /// <summary>Deletes a consumed message and then its payload blob; a message already gone counts as deleted.</summary>
    /// <remarks>A request of a group message only settles its part; the message goes when its last request is settled.</remarks>
    private async Task DeleteMessageAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (message.IsInMemoryOnly)
        {
            return;
        }

        if (message.Group is { } group)
        {
            if (await group.SettleAsync(message.GroupIndex, cancellationToken))
            {
                _requestGroups.TryRemove(KeyValuePair.Create(group.QueueMessageId, group));
            }

            return;
        }

        // Under the receipt gate: a renewal in flight would otherwise leave this deletion with a stale receipt.
        await message.ReceiptGate.WaitAsync(cancellationToken);
        try
        {
            await message.Queue.DeleteMessageAsync(message.QueueMessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
        catch (RequestFailedException e) when (e.Status == 400 && e.ErrorCode == QueueErrorCode.PopReceiptMismatch)
        {
            // Delivered again meanwhile; the redelivery is a duplicate the engine drops, and it still needs its blob.
            return;
        }
        finally
        {
            message.ReceiptGate.Release();
        }

        if (message.PayloadBlob is not null)
        {
            await _payloads.DeleteAsync(message.PayloadBlob, cancellationToken);
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        await _poison.SendMessageAsync(message.MessageText, null, NeverExpires, cancellationToken);
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException)
        {
        }

        Log.MovedToPoison(_logger, message.MessageId, queue.Name, _poison.Name, message.DequeueCount, reason);
    }

    /// <summary>Reads a polled message; null when it was moved to the poison queue or must be retried later.</summary>
    private Task<(OrchestrationMessage Message, string? Blob)?> ReadPolledAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken) =>
        ReadPolledAsync(queue, message, _codec.DecodeAsync, cancellationToken);

    /// <summary>Reads a polled message with <paramref name="decode"/>; null when it was moved to the poison queue or must be retried later.</summary>
    private async Task<T?> ReadPolledAsync<T>(QueueClient queue, QueueMessage message, Func<string, CancellationToken, Task<T>> decode, CancellationToken cancellationToken)
        where T : struct
    {
        try
        {
            return await decode(message.MessageText, cancellationToken);
        }
        catch (UnreadableMessageException e)
        {
            await MoveToPoisonAsync(queue, message, e.Message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, message, e.Message, cancellationToken);
            }
            else
            {
                Log.ReadFailed(_logger, message.MessageId, queue.Name, message.DequeueCount, e);
            }
        }

        return null;
    }

    private void EnsureWithinLimits(OrchestrationMessage message)
    {
        var e = message.Event;
        _payloads.EnsureWithinLimit(message.InstanceId, $"{e.EventType} message's input", e.Input);
        _payloads.EnsureWithinLimit(message.InstanceId, $"{e.EventType} message's result", e.Result);
        _payloads.EnsureWithinLimit(message.InstanceId, $"{e.EventType} message's failure details", e.FailureDetails?.StackTrace);
    }

    private void RunHook(CommitStage stage, string instanceId) => _options.CommitStageHook?.Invoke(stage, instanceId);

    private void NotifyInstanceChanged(string instanceId)
    {
        if (_instanceChanges.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
