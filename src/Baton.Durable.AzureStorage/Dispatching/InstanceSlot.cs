namespace Baton.Durable.AzureStorage;

/// <summary>What this process holds for one instance of a partition it owns. Guarded by the buffer's lock.</summary>
internal sealed class InstanceSlot(string instanceId, int partition)
{
    public string InstanceId { get; } = instanceId;

    public int Partition { get; } = partition;

    /// <summary>Messages received and due, in arrival order, not yet handed out.</summary>
    public List<ReceivedMessage> Pending { get; } = [];

    /// <summary>The number of the current lock; 0 when unlocked.</summary>
    public long LockToken { get; set; }

    public bool InReadyQueue { get; set; }

    /// <summary>Set when the partition was lost; the slot is no longer in the buffer.</summary>
    public bool Removed { get; set; }

    /// <summary>History and row as of the last commit or load by this process; dropped on any doubt.</summary>
    public CachedInstance? Cache { get; set; }

    public long LastUsedTicks { get; set; } = Environment.TickCount64;
}

/// <summary>An instance's history and row as last read or written by this process.</summary>
/// <param name="History">The committed history, with the sentinel ETag to append under.</param>
/// <param name="Instance">The row.</param>
/// <param name="InstanceBlobs">Blobs holding the row's large values, reused while the values do not change.</param>
internal sealed record CachedInstance(HistorySnapshot History, InstanceState? Instance, IReadOnlyDictionary<string, string>? InstanceBlobs)
{
    /// <summary>
    /// True when this process has just inserted the row (no row existed, so no client can have replaced it since) and
    /// assumes an empty history; an append conflicts, and the instance is read again, if history was left over.
    /// </summary>
    public bool Created { get; init; }

    /// <summary>The row's ETag as this process last read or wrote it; null when no row existed.</summary>
    public Azure.ETag? InstanceETag { get; init; }
}

/// <summary>What the store keeps in <see cref="OrchestrationWorkItem.StoreState"/>.</summary>
internal sealed record OrchestrationLock(InstanceSlot Slot, long Token, IReadOnlyList<ReceivedMessage> Messages, CachedInstance State)
{
    /// <summary>
    /// Set when the commit failed because storage did not answer: the messages were not the problem, so handing them
    /// out again does not count as a delivery towards the poison limit.
    /// </summary>
    public bool StorageWasDown { get; set; }
}
