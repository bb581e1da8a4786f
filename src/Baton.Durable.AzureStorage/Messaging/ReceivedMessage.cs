using Azure.Storage.Queues;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// A queue message this process holds: received by a poll, or sent by this process to a queue it reads and kept
/// in memory (hidden in the queue meanwhile), or an activity result handed over in memory (see <see cref="IsHandoff"/>).
/// Mutable fields are guarded by the store's lock.
/// </summary>
internal sealed class ReceivedMessage(QueueClient queue, string queueMessageId, string popReceipt, OrchestrationMessage message, string? payloadBlob)
{
    public QueueClient Queue { get; } = queue;

    public string QueueMessageId { get; } = queueMessageId;

    /// <summary>The latest pop receipt; a redelivery of the same message replaces it.</summary>
    public string PopReceipt { get; set; } = popReceipt;

    public OrchestrationMessage Message { get; } = message;

    public string? PayloadBlob { get; } = payloadBlob;

    /// <summary>How often the message was handed out, this time included.</summary>
    public int DeliveryCount { get; set; } = 1;

    /// <summary>When the message was last hidden in its queue (real time), to renew it before it shows again.</summary>
    public long HiddenAtTicks { get; set; } = Environment.TickCount64;

    /// <summary>A timer that hands the message out when due (delayed messages and delayed abandons).</summary>
    public ITimer? DueTimer { get; set; }

    /// <summary>
    /// True for an activity result that was never written to a control queue: <see cref="Message"/> is the result,
    /// while <see cref="Queue"/>, <see cref="QueueMessageId"/>, <see cref="PopReceipt"/> and <see cref="PayloadBlob"/>
    /// are those of the activity request, which stays hidden in the work-item queue until the step that records the
    /// result deletes it. A crash before then shows the request again and the activity runs again.
    /// </summary>
    public bool IsHandoff { get; init; }

    public OrchestrationMessage ToDelivery() => Message with { DequeueCount = DeliveryCount };
}
