using Azure.Data.Tables;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// Moves string properties too long for a table property into blobs and back. An offloaded property is stored as
/// an empty string next to <c>{name}_blob</c>, the blob's name.
/// </summary>
internal static class LargeProperties
{
    public const string BlobSuffix = "_blob";

    /// <summary>Offloads long string properties; <paramref name="reuse"/> maps a property's value to a blob that already holds it.</summary>
    public static async Task<Dictionary<string, string>?> OffloadAsync(
        TableEntity entity,
        PayloadStore payloads,
        string instanceId,
        string kind,
        Func<string, string, string?>? reuse,
        CancellationToken cancellationToken)
    {
        Dictionary<string, string>? offloaded = null;
        foreach (var (key, value) in entity.ToArray())
        {
            if (value is not string text || text.Length <= PayloadStore.MaxInlinePropertyChars)
            {
                continue;
            }

            var blob = reuse?.Invoke(key, text) ?? await payloads.UploadAsync(instanceId, kind, text, cancellationToken);
            entity[key] = string.Empty;
            entity[key + BlobSuffix] = blob;
            (offloaded ??= [])[key] = blob;
        }

        return offloaded;
    }

    /// <summary>Puts offloaded values back; throws <see cref="InvalidDataException"/> when a blob is missing.</summary>
    public static async Task RestoreAsync(TableEntity entity, PayloadStore payloads, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in entity.ToArray())
        {
            if (!key.EndsWith(BlobSuffix, StringComparison.Ordinal) || value is not string { Length: > 0 } blob)
            {
                continue;
            }

            var text = await payloads.DownloadAsync(blob, cancellationToken)
                ?? throw new InvalidDataException($"Payload blob '{blob}' referenced by {entity.PartitionKey}/{entity.RowKey} is missing.");
            entity[key[..^BlobSuffix.Length]] = text;
        }
    }

    /// <summary>A rough size of the entity on the wire, for splitting batches under the 4 MB limit.</summary>
    public static long EstimateSize(TableEntity entity)
    {
        long size = 256;
        foreach (var (key, value) in entity)
        {
            size += key.Length * 2 + value switch
            {
                string s => s.Length * 2L,
                _ => 16,
            };
        }

        return size;
    }
}
