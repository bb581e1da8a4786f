using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// One work-item queue message that carries several activity requests: of one orchestration step, or of steps that
/// sent at the same time (<see cref="ActivitySendCoalescer"/>). Each request is
/// settled on its own (its result is durable in history, or in a control queue); the message is deleted only when
/// every request of it is settled. Until then it stays hidden, renewed for all of its requests at once, and shows
/// again after its visibility timeout if this process stops: every request not yet settled then runs again
/// (activities run at least once; the engine drops a duplicate result). Thread-safe.
/// </summary>
internal sealed class ActivityRequestGroup(QueueClient queue, string queueMessageId, string popReceipt, int count)
{
    private readonly SemaphoreSlim _requests = new(1, 1);
    private readonly Lock _gate = new();
    private readonly bool[] _settled = new bool[count];
    private int _remaining = count;
    private string _popReceipt = popReceipt;

    public QueueClient Queue { get; } = queue;

    public string QueueMessageId { get; } = queueMessageId;

    public int Count => _settled.Length;

    /// <summary>When the message was last hidden in its queue (real time).</summary>
    public long HiddenAtTicks { get; private set; } = Environment.TickCount64;

    /// <summary>True once every request is settled (the message is then deleted, or being deleted).</summary>
    public bool IsSettled
    {
        get
        {
            lock (_gate)
            {
                return _remaining == 0;
            }
        }
    }

    /// <summary>Takes the pop receipt of a new delivery of the message to this process; returns the requests not yet settled.</summary>
    public IReadOnlyList<int> Redelivered(string popReceipt, long hiddenAtTicks)
    {
        lock (_gate)
        {
            _popReceipt = popReceipt;
            HiddenAtTicks = hiddenAtTicks;
            return Enumerable.Range(0, _settled.Length).Where(i => !_settled[i]).ToArray();
        }
    }

    /// <summary>
    /// Keeps the message hidden for another <paramref name="visibility"/>; a renewal by another request of the group
    /// within the last quarter of it counts. False when the message is gone or was delivered to someone else.
    /// </summary>
    public async Task<bool> RenewAsync(TimeSpan visibility, CancellationToken cancellationToken)
    {
        await _requests.WaitAsync(cancellationToken);
        try
        {
            string receipt;
            lock (_gate)
            {
                if (Environment.TickCount64 - HiddenAtTicks < visibility.TotalMilliseconds / 4)
                {
                    return true;
                }

                receipt = _popReceipt;
            }

            var started = Environment.TickCount64;
            try
            {
                var renewed = await Queue.UpdateMessageAsync(QueueMessageId, receipt, visibilityTimeout: visibility, cancellationToken: cancellationToken);
                lock (_gate)
                {
                    _popReceipt = renewed.Value.PopReceipt;
                    HiddenAtTicks = started;
                }

                return true;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 400)
            {
                // Delivered to this process again meanwhile (a new receipt is held) still counts as kept.
                lock (_gate)
                {
                    return e.Status == 400 && !string.Equals(receipt, _popReceipt, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            _requests.Release();
        }
    }

    /// <summary>
    /// Marks request <paramref name="index"/> settled (again is a no-op) and deletes the message once all are. Returns
    /// true when this call settled the last request. A message already gone, or delivered again meanwhile, counts as
    /// deleted: a new delivery runs its requests again as duplicates.
    /// </summary>
    public async Task<bool> SettleAsync(int index, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_settled[index])
            {
                return false;
            }

            _settled[index] = true;
            if (--_remaining > 0)
            {
                return false;
            }
        }

        await _requests.WaitAsync(cancellationToken);
        try
        {
            string receipt;
            lock (_gate)
            {
                receipt = _popReceipt;
            }

            try
            {
                await Queue.DeleteMessageAsync(QueueMessageId, receipt, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404 || (e.Status == 400 && e.ErrorCode == QueueErrorCode.PopReceiptMismatch))
            {
            }

            return true;
        }
        finally
        {
            _requests.Release();
        }
    }
}
