using Azure;
using Azure.Data.Tables;

namespace Baton.Scheduling;

/// <summary>
/// An <see cref="IScheduleStateStore"/> in the Azure Table <c>&lt;Hub&gt;Schedules</c>, one row per schedule.
/// Saves are read-merge-write under the row's ETag, retried on conflict, so hosts sharing a hub never lose an update.
/// </summary>
public sealed class AzureTableScheduleStateStore : IScheduleStateStore
{
    private const string Partition = "schedule";
    private const int MaxAttempts = 20;

    private readonly TableClient table;
    private readonly object gate = new();
    private Task? created;

    /// <summary>Uses the table <c>{hubName}Schedules</c> of <paramref name="service"/>, creating it on first use.</summary>
    public AzureTableScheduleStateStore(TableServiceClient service, string hubName)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        TableName = hubName + "Schedules";
        table = service.GetTableClient(TableName);
    }

    /// <summary>The table's name.</summary>
    public string TableName { get; }

    /// <inheritdoc />
    public async Task<ScheduleState?> GetAsync(string scheduleName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleName);
        await EnsureTableAsync().ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, scheduleName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToState(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduleState>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync().ConfigureAwait(false);
        var states = new List<ScheduleState>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            states.Add(ToState(entity));
        }

        return states;
    }

    /// <inheritdoc />
    public async Task<ScheduleState> SaveAsync(ScheduleState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await EnsureTableAsync().ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, state.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!response.HasValue)
                {
                    await table.AddEntityAsync(ToEntity(state), cancellationToken).ConfigureAwait(false);
                    return state;
                }

                var current = ToState(response.Value!);
                var merged = ScheduleState.Merge(current, state);
                if (merged == current)
                {
                    return current;
                }

                await table.UpdateEntityAsync(ToEntity(merged), response.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return merged;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another host saved in between: read again and merge with what it wrote.
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(string scheduleName, DateTimeOffset occurrence, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleName);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await EnsureTableAsync().ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, scheduleName, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!response.HasValue)
                {
                    var claimed = new ScheduleState(scheduleName, null, null, null).WithClaim(occurrence, owner, expiresAt);
                    await table.AddEntityAsync(ToEntity(claimed), cancellationToken).ConfigureAwait(false);
                    return true;
                }

                var current = ToState(response.Value!);
                if (!current.CanClaim(occurrence, owner, now))
                {
                    return false;
                }

                await table.UpdateEntityAsync(ToEntity(current.WithClaim(occurrence, owner, expiresAt)), response.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another runner wrote in between: read again and decide on what it wrote.
            }
        }
    }

    private Task EnsureTableAsync()
    {
        lock (gate)
        {
            // A failed creation (storage not up yet) is retried on the next call rather than remembered.
            if (created is null || created.IsFaulted || created.IsCanceled)
            {
                created = table.CreateIfNotExistsAsync();
            }

            return created;
        }
    }

    private static TableEntity ToEntity(ScheduleState state) => new(Partition, state.Name)
    {
        ["LastOccurrence"] = state.LastOccurrence,
        ["NextOccurrence"] = state.NextOccurrence,
        ["LastInstanceId"] = state.LastInstanceId,
        ["ClaimedOccurrence"] = state.ClaimedOccurrence,
        ["ClaimedBy"] = state.ClaimedBy,
        ["ClaimExpiresAt"] = state.ClaimExpiresAt,
    };

    private static ScheduleState ToState(TableEntity entity) => new(
        entity.RowKey,
        entity.GetDateTimeOffset("LastOccurrence"),
        entity.GetDateTimeOffset("NextOccurrence"),
        entity.GetString("LastInstanceId"))
    {
        ClaimedOccurrence = entity.GetDateTimeOffset("ClaimedOccurrence"),
        ClaimedBy = entity.GetString("ClaimedBy"),
        ClaimExpiresAt = entity.GetDateTimeOffset("ClaimExpiresAt"),
    };
}
