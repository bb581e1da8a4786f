namespace Baton.Bench.Stores;

/// <summary>Counters of a <see cref="CountingStore"/> at one moment; subtract two snapshots for one run.</summary>
/// <param name="Calls">Store calls by method (receives that found nothing are counted apart).</param>
/// <param name="Steps">Orchestration steps committed.</param>
/// <param name="StepTime">Time between a step's work item being handed out and its commit starting, summed.</param>
/// <param name="StepHistoryEvents">History events the committed steps replayed, summed.</param>
/// <param name="StepMessages">Messages the committed steps consumed, summed.</param>
/// <param name="StorageRequests">Requests the store sent to storage (null when it does not count them), background polls included.</param>
internal sealed record StoreCounters(IReadOnlyDictionary<string, long> Calls, long Steps, TimeSpan StepTime, long StepHistoryEvents, long StepMessages, long? StorageRequests)
{
    /// <summary>Store calls that did work (everything but receives that found nothing and change waits).</summary>
    public long WorkingCalls => Calls.Where(c => !c.Key.EndsWith("(empty)", StringComparison.Ordinal) && c.Key != "WaitForInstanceChange").Sum(c => c.Value);

    public StoreCounters Minus(StoreCounters earlier) => new(
        Calls.ToDictionary(c => c.Key, c => c.Value - earlier.Calls.GetValueOrDefault(c.Key), StringComparer.Ordinal),
        Steps - earlier.Steps,
        StepTime - earlier.StepTime,
        StepHistoryEvents - earlier.StepHistoryEvents,
        StepMessages - earlier.StepMessages,
        StorageRequests - earlier.StorageRequests);
}
