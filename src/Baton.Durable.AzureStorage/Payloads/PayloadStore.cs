using System.IO.Compression;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// Keeps payloads that do not fit in a queue message or a table property as gzip-compressed blobs named
/// <c>{instanceId}/{kind}-{guid}.json.gz</c>, so that purging an instance can delete them by prefix.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container, long maxPayloadBytes)
{
    /// <summary>Queue messages hold 64 KiB; leave room for the envelope and XML escaping.</summary>
    public const int MaxInlineMessageBytes = 45 * 1024;

    /// <summary>Table string properties hold 32K UTF-16 characters; larger values go to blobs.</summary>
    public const int MaxInlinePropertyChars = 16 * 1024;

    public BlobContainerClient Container => container;

    /// <summary>Throws <see cref="PayloadTooLargeException"/> when <paramref name="value"/> is over the hard limit.</summary>
    public void EnsureWithinLimit(string instanceId, string what, string? value)
    {
        if (value is null || (long)value.Length * 3 <= maxPayloadBytes)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > maxPayloadBytes)
        {
            throw new PayloadTooLargeException(instanceId, what, bytes, maxPayloadBytes);
        }
    }

    public async Task<string> UploadAsync(string instanceId, string kind, string value, CancellationToken cancellationToken)
    {
        var name = $"{instanceId}/{kind}-{Guid.NewGuid():N}.json.gz";
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            await gzip.WriteAsync(bytes, cancellationToken);
        }

        buffer.Position = 0;
        await container.GetBlobClient(name).UploadAsync(
            buffer,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json", ContentEncoding = "gzip" } },
            cancellationToken);
        return name;
    }

    /// <summary>The payload, or null when the blob does not exist.</summary>
    public async Task<string?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            using var gzip = new GZipStream(content.Value.Content.ToStream(), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, instanceId + "/", cancellationToken))
        {
            await DeleteAsync(blob.Name, cancellationToken);
        }
    }
}
