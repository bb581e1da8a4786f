namespace Baton.Durable.Storage;

/// <summary>The meaning of query and purge filters over instance rows, shared by every store.</summary>
public static class InstanceFilter
{
    /// <summary>True when <paramref name="row"/> matches every condition of <paramref name="query"/>.</summary>
    public static bool Matches(InstanceState row, OrchestrationQuery query)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(query);
        return InRange(row.CreatedAt, query.CreatedFrom, query.CreatedTo)
            && (query.Statuses is not { Count: > 0 } statuses || statuses.Contains(row.RuntimeStatus))
            && (string.IsNullOrEmpty(query.InstanceIdPrefix) || row.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(query.Name) || string.Equals(row.Name, query.Name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when <paramref name="row"/> is finished and matches every condition of <paramref name="filter"/>.</summary>
    public static bool Matches(InstanceState row, PurgeInstancesFilter filter)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(filter);
        return row.RuntimeStatus.IsTerminal()
            && InRange(row.CreatedAt, filter.CreatedFrom, filter.CreatedTo)
            && (filter.Statuses is not { Count: > 0 } statuses || statuses.Contains(row.RuntimeStatus));
    }

    private static bool InRange(DateTime createdAt, DateTimeOffset? from, DateTimeOffset? to) =>
        (from is null || createdAt >= from.Value.UtcDateTime) && (to is null || createdAt < to.Value.UtcDateTime);
}
