using System.Collections.Concurrent;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// Counts the HTTP requests the store sends to Azure Storage (each retry counted), in total and by kind such as
/// <c>queue.put-message</c> or <c>table.batch</c>. Thread-safe; meant for benchmarks and diagnostics.
/// </summary>
public sealed class StorageRequestCounter
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _total;

    /// <summary>All requests since creation or the last <see cref="Reset"/>.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>A snapshot of the counts by kind.</summary>
    public IReadOnlyDictionary<string, long> ByKind => new Dictionary<string, long>(_byKind, StringComparer.Ordinal);

    /// <summary>Sets every count back to zero.</summary>
    public void Reset()
    {
        _byKind.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    internal void Record(string kind)
    {
        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(kind, 1, static (_, count) => count + 1);
    }
}
