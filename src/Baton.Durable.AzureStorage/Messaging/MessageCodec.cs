using System.Text;
using System.Text.Json;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// Turns an <see cref="OrchestrationMessage"/> into queue message text and back. A message too large for a queue
/// message is stored in the payload container and the queue carries <c>{"payloadBlob":"...","instanceId":"..."}</c>.
/// </summary>
internal sealed class MessageCodec(PayloadStore payloads)
{
    private const string BlobMarker = "{\"payloadBlob\":";

    public async Task<(string Text, string? PayloadBlob)> EncodeAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(message with { DequeueCount = 0 }, StoreJson.Options);
        if (json.Length * 3 <= PayloadStore.MaxInlineMessageBytes || Encoding.UTF8.GetByteCount(json) <= PayloadStore.MaxInlineMessageBytes)
        {
            return (json, null);
        }

        var blob = await payloads.UploadAsync(message.InstanceId, "message", json, cancellationToken);
        return (JsonSerializer.Serialize(new BlobReference(blob, message.InstanceId), StoreJson.Options), blob);
    }

    /// <summary>
    /// Reads a message. Throws <see cref="UnreadableMessageException"/> when the text (or its payload blob) can never be
    /// read; storage errors while fetching the blob propagate as they are, to be retried.
    /// </summary>
    public async Task<(OrchestrationMessage Message, string? PayloadBlob)> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        string? blob = null;
        var json = text;
        if (text.StartsWith(BlobMarker, StringComparison.Ordinal))
        {
            blob = Parse<BlobReference>(text).PayloadBlob;
            json = await payloads.DownloadAsync(blob, cancellationToken)
                ?? throw new UnreadableMessageException($"its payload blob '{blob}' does not exist");
        }

        var message = Parse<OrchestrationMessage>(json);
        if (string.IsNullOrEmpty(message.InstanceId) || message.Event is null)
        {
            throw new UnreadableMessageException("it has no instance id or no event");
        }

        return (message, blob);
    }

    private static T Parse<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, StoreJson.Options) ?? throw new UnreadableMessageException("it is the JSON null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or FormatException)
        {
            throw new UnreadableMessageException("it is not a valid message: " + e.Message);
        }
    }

    private sealed record BlobReference(string PayloadBlob, string InstanceId);
}
