namespace Baton.Durable.AzureStorage;

/// <summary>A payload is over the store's hard limit; the step or call that carried it wrote nothing.</summary>
public sealed class PayloadTooLargeException(string instanceId, string what, long sizeBytes, long limitBytes)
    : InvalidOperationException(
        $"The {what} of orchestration '{instanceId}' is {sizeBytes:N0} bytes, over the limit of {limitBytes:N0} bytes; nothing was stored. " +
        "Pass a reference (a blob URL, a document id) instead of the data, or raise MaxPayloadBytes.")
{
    /// <summary>The instance the payload belongs to.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The payload's size in UTF-8 bytes.</summary>
    public long SizeBytes { get; } = sizeBytes;

    /// <summary>The limit it broke.</summary>
    public long LimitBytes { get; } = limitBytes;
}
