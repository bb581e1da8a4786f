namespace Baton.Agents;

/// <summary>Which records <see cref="IApprovalLedger.ListAsync"/> returns; every condition given must hold.</summary>
/// <param name="Statuses">Only these statuses; all when null or empty.</param>
/// <param name="InstanceId">Only this run's records.</param>
/// <param name="RequestedFrom">Only records asked at or after this time (UTC).</param>
/// <param name="AwaitingDeliveryOnly">Only decided records whose event still has to be raised (<see cref="ApprovalRecord.AwaitsDelivery"/>).</param>
public sealed record ApprovalLedgerQuery(
    IReadOnlyCollection<ApprovalStatus>? Statuses = null,
    string? InstanceId = null,
    DateTime? RequestedFrom = null,
    bool AwaitingDeliveryOnly = false)
{
    /// <summary>True when <paramref name="record"/> matches.</summary>
    public bool Matches(ApprovalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (Statuses is null || Statuses.Count == 0 || Statuses.Contains(record.Status))
            && (InstanceId is null || string.Equals(InstanceId, record.InstanceId, StringComparison.Ordinal))
            && (RequestedFrom is null || record.RequestedAt >= RequestedFrom)
            && (!AwaitingDeliveryOnly || record.AwaitsDelivery);
    }
}
