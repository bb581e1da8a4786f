using Azure;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// An instance's committed history as read (or last written) together with the sentinel row's ETag, the
/// optimistic-concurrency token of the next append.
/// </summary>
/// <param name="Events">The committed events of the current execution.</param>
/// <param name="Generation">Which set of rows holds the current execution; bumped by every new execution.</param>
/// <param name="SentinelETag">The sentinel's ETag; null when the instance has no history yet.</param>
internal sealed record HistorySnapshot(IReadOnlyList<HistoryEvent> Events, int Generation, ETag? SentinelETag)
{
    public static HistorySnapshot Empty { get; } = new([], 0, null);

    /// <summary>Where this snapshot stands in the instance's life: later steps and later executions have higher positions.</summary>
    public long Position => ((long)Generation << 32) | (uint)Events.Count;

    public string? ExecutionId =>
        Events.Count > 0 ? Events.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted)?.ExecutionId : null;
}
