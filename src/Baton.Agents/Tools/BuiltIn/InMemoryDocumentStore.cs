using System.Collections.Concurrent;

namespace Baton.Agents;

/// <summary>Documents kept in memory: for tests and offline runs. Lost when the process ends. Thread-safe.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<string?> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(_documents.TryGetValue(path, out var content) ? content : null);

    /// <inheritdoc />
    public Task WriteAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        _documents[path] = content;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. _documents.Keys.Where(k => prefix is null || k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);
}
