using Azure.Storage.Queues;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// A queue message this process holds: received by a poll, or sent by this process to a queue it reads and kept
/// in memory (hidden in the queue meanwhile), one request of a group message (see <see cref="Group"/>), an activity
/// result handed over in memory (see <see cref="IsHandoff"/>), or a start message never written to a queue (see
/// <see cref="Durability"/>). Mutable fields are guarded by the store's lock.
/// </summary>
internal sealed class ReceivedMessage(QueueClient queue, string queueMessageId, string popReceipt, OrchestrationMessage message, string? payloadBlob)
{
    public QueueClient Queue { get; } = queue;

    public string QueueMessageId { get; } = queueMessageId;

    /// <summary>
    /// Tells held messages apart: the queue message id, or for a request carried in a group message (and its result
    /// handed over in memory) the id followed by the request's place in the group.
    /// </summary>
    public string Key { get; init; } = queueMessageId;

    /// <summary>
    /// The group message this activity request (or the request of this handed-over result) travels in; null for a
    /// message of its own. The group, not <see cref="PopReceipt"/>, then holds the receipt.
    /// </summary>
    public ActivityRequestGroup? Group { get; init; }

    /// <summary>The request's place in <see cref="Group"/>.</summary>
    public int GroupIndex { get; init; }

    /// <summary>The latest pop receipt; a redelivery of the same message replaces it.</summary>
    public string PopReceipt { get; set; } = popReceipt;

    public OrchestrationMessage Message { get; } = message;

    public string? PayloadBlob { get; } = payloadBlob;

    /// <summary>How often the message was handed out, this time included.</summary>
    public int DeliveryCount { get; set; } = 1;

    /// <summary>How many times the message was deferred because it came before its instance's start.</summary>
    public int Deferrals { get; set; }

    /// <summary>When the message was last hidden in its queue (real time), to renew it before it shows again.</summary>
    public long HiddenAtTicks { get; set; } = Environment.TickCount64;

    /// <summary>Serializes the requests that use <see cref="PopReceipt"/> (a renewal and a deletion), so that neither uses a stale receipt.</summary>
    public SemaphoreSlim ReceiptGate { get; } = new(1, 1);

    /// <summary>When the request was last hidden, by whichever request of its group renewed it.</summary>
    public long LockedSinceTicks => Group?.HiddenAtTicks ?? HiddenAtTicks;

    /// <summary>A timer that hands the message out when due (delayed messages and delayed abandons).</summary>
    public ITimer? DueTimer { get; set; }

    /// <summary>
    /// True for an activity result that was never written to a control queue: <see cref="Message"/> is the result,
    /// while <see cref="Queue"/>, <see cref="QueueMessageId"/>, <see cref="PopReceipt"/> and <see cref="PayloadBlob"/>
    /// are those of the activity request, which stays hidden in the work-item queue until the step that records the
    /// result deletes it. A crash before then shows the request again and the activity runs again.
    /// </summary>
    public bool IsHandoff { get; init; }

    /// <summary>
    /// Set for a start message that was never written to a queue (see
    /// <see cref="AzureStorageOrchestrationStore.CreateInstanceAsync"/>): completes with true once the message is
    /// durable (the step that consumed it committed, or it was passed on to its control queue), with false when it
    /// was dropped. There is no queue message to delete or to make visible.
    /// </summary>
    public TaskCompletionSource<bool>? Durability { get; init; }

    public bool IsInMemoryOnly => Durability is not null;

    public OrchestrationMessage ToDelivery() => Message with { DequeueCount = DeliveryCount };
}
