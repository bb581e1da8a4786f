namespace Baton.Agents;

/// <summary>
/// The approvals ledger: one <see cref="ApprovalRecord"/> per (instance id, event name), shared by every process on a
/// task hub. Implementations are thread-safe and make <see cref="TryReplaceAsync"/> atomic across processes (an ETag
/// condition), which is what gives an approval exactly one decision. Event names compare case-insensitively, as the
/// engines match events.
/// </summary>
public interface IApprovalLedger
{
    /// <summary>The record, or null when none was written.</summary>
    Task<ApprovalRecord?> GetAsync(string instanceId, string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="record"/> when no record has its key and returns what is stored afterwards (the existing
    /// record, unchanged, when there was one): a notification activity that runs twice writes once.
    /// </summary>
    Task<ApprovalRecord> AddIfAbsentAsync(ApprovalRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored record with <paramref name="record"/> only while the stored one still has
    /// <see cref="ApprovalRecord.ETag"/>; returns the stored copy with its new ETag, or null when another writer changed
    /// (or removed) it since it was read.
    /// </summary>
    Task<ApprovalRecord?> TryReplaceAsync(ApprovalRecord record, CancellationToken cancellationToken = default);

    /// <summary>The records matching <paramref name="query"/>, oldest request first.</summary>
    Task<IReadOnlyList<ApprovalRecord>> ListAsync(ApprovalLedgerQuery query, CancellationToken cancellationToken = default);
}
