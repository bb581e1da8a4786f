namespace Baton.Durable.AzureStorage;

/// <summary>
/// How many control-queue partitions each live process of a task hub should own, so that processes sharing a hub
/// share its orchestrations: with n live processes and p partitions, every process gets p / n, and the first
/// p mod n by ordinal worker id get one more. Every process computes the same split from the same presence list.
/// </summary>
internal static class PartitionQuota
{
    /// <summary>The number of partitions <paramref name="self"/> should own; <paramref name="self"/> counts as live.</summary>
    public static int For(string self, IEnumerable<string> liveWorkers, int partitionCount)
    {
        var workers = liveWorkers.Append(self).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return partitionCount / workers.Count + (workers.IndexOf(self) < partitionCount % workers.Count ? 1 : 0);
    }

    /// <summary>
    /// The workers whose presence was refreshed within <paramref name="timeout"/> of the newest refresh. Times are the
    /// storage service's, so no process's clock is involved.
    /// </summary>
    public static IReadOnlyList<string> Live(IEnumerable<(string Worker, DateTimeOffset RefreshedAt)> presence, TimeSpan timeout)
    {
        var seen = presence.ToList();
        if (seen.Count == 0)
        {
            return [];
        }

        var newest = seen.Max(p => p.RefreshedAt);
        return [.. seen.Where(p => newest - p.RefreshedAt <= timeout).Select(p => p.Worker).Distinct(StringComparer.Ordinal)];
    }
}
