namespace Baton.Agents;

/// <summary>
/// A flat collection of text documents addressed by relative paths ("reports/2025-w01.md"): what the document tools
/// read, write and search. Implementations: <see cref="AzureBlobDocumentStore"/> and <see cref="InMemoryDocumentStore"/>.
/// Thread-safe.
/// </summary>
public interface IDocumentStore
{
    /// <summary>The document's text, or null when there is none at <paramref name="path"/>.</summary>
    Task<string?> ReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the document at <paramref name="path"/> (so repeating a write is harmless).</summary>
    Task WriteAsync(string path, string content, CancellationToken cancellationToken = default);

    /// <summary>Paths of the documents whose path starts with <paramref name="prefix"/> (all when null), sorted.</summary>
    Task<IReadOnlyList<string>> ListAsync(string? prefix = null, CancellationToken cancellationToken = default);
}
