using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Baton.Agents;

/// <summary>
/// Documents as UTF-8 block blobs in one Azure Storage container (Azurite works the same). The container is created on
/// the first write. Thread-safe.
/// </summary>
public sealed class AzureBlobDocumentStore(BlobContainerClient container) : IDocumentStore
{
    private int _created;

    /// <summary>The container.</summary>
    public BlobContainerClient Container { get; } = container ?? throw new ArgumentNullException(nameof(container));

    /// <inheritdoc />
    public async Task<string?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await Container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            Volatile.Write(ref _created, 1);
        }

        await Container.GetBlobClient(path).UploadAsync(
            BinaryData.FromString(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(path) } },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            {
                names.Add(blob.Name);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet means no documents.
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".md" => "text/markdown; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".html" or ".htm" => "text/html; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
}
