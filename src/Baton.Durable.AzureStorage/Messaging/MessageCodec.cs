using System.Text;
using System.Text.Json;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// Turns an <see cref="OrchestrationMessage"/> into queue message text and back. A message too large for a queue
/// message is stored in the payload container and the queue carries <c>{"payloadBlob":"...","instanceId":"..."}</c>.
/// Several activity requests of one step may share a queue message: <c>{"requests":[message, message, ...]}</c>.
/// </summary>
internal sealed class MessageCodec(PayloadStore payloads)
{
    private const string BlobMarker = "{\"payloadBlob\":";
    private const string GroupMarker = "{\"requests\":";

    /// <summary>The message as inline JSON when it fits a queue message on its own; null when it needs a payload blob.</summary>
    public static string? TryEncodeInline(OrchestrationMessage message)
    {
        var json = JsonSerializer.Serialize(message with { DequeueCount = 0 }, StoreJson.Options);
        return Fits(json) ? json : null;
    }

    /// <summary>Builds the text of a group message from inline message texts; the caller keeps it within <see cref="PayloadStore.MaxInlineMessageBytes"/>.</summary>
    public static string EncodeGroup(IEnumerable<string> inlineMessages) => GroupMarker + "[" + string.Join(',', inlineMessages) + "]}";

    /// <summary>What a message adds to a group's text, in UTF-8 bytes at most.</summary>
    public static int GroupBytes(string inlineMessage) => Encoding.UTF8.GetByteCount(inlineMessage) + 1;

    /// <summary>The fixed part of a group's text, in bytes.</summary>
    public static int GroupOverhead => GroupMarker.Length + 3;

    /// <summary>
    /// Reads a work-item message: one request, or the requests of a group (IsGroup then true).
    /// Throws as <see cref="DecodeAsync"/> does.
    /// </summary>
    public async Task<(IReadOnlyList<OrchestrationMessage> Messages, string? PayloadBlob, bool IsGroup)> DecodeRequestsAsync(string text, CancellationToken cancellationToken)
    {
        if (!text.StartsWith(GroupMarker, StringComparison.Ordinal))
        {
            var (message, blob) = await DecodeAsync(text, cancellationToken);
            return ([message], blob, false);
        }

        var group = Parse<RequestGroup>(text);
        if (group.Requests is not { Length: > 0 } requests || requests.Any(m => m is null || string.IsNullOrEmpty(m.InstanceId) || m.Event is null))
        {
            throw new UnreadableMessageException("it is a request group with no requests, or with a request that has no instance id or no event");
        }

        return (requests, null, true);
    }

    private static bool Fits(string json) =>
        json.Length * 3 <= PayloadStore.MaxInlineMessageBytes || Encoding.UTF8.GetByteCount(json) <= PayloadStore.MaxInlineMessageBytes;

    public async Task<(string Text, string? PayloadBlob)> EncodeAsync(OrchestrationMessage message, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(message with { DequeueCount = 0 }, StoreJson.Options);
        if (Fits(json))
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

    private sealed record RequestGroup(OrchestrationMessage[]? Requests);

    private sealed record BlobReference(string PayloadBlob, string InstanceId);
}
