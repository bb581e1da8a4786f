using Azure;
using Azure.Data.Tables;

namespace Baton.Durable.AzureStorage;

/// <summary>The <c>&lt;Hub&gt;Instances</c> table: one row per instance (partition = instance id, empty row key).</summary>
internal sealed class InstanceTable(TableClient table, PayloadStore payloads)
{
    private static readonly string[] PayloadColumns = ["Input", "Output", "CustomStatus"];
    private static readonly string[] SummaryColumns =
    [
        "PartitionKey", "Name", "ExecutionId", "RuntimeStatus", "CreatedTime", "LastUpdatedTime", "CompletedTime",
        "FailureDetails", "FailureDetails_blob", "ParentInstanceId", "ScheduledStartTime", PositionColumn,
    ];

    /// <summary>
    /// The history position (generation and event count, see <see cref="HistorySnapshot.Position"/>) a row was written
    /// at: a write from a step older than the row's never replaces it.
    /// </summary>
    private const string PositionColumn = "HistoryPosition";

    public TableClient Client => table;

    public async Task<(InstanceState State, ETag ETag)?> GetAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, includePayloads ? null : SummaryColumns, cancellationToken);
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }

        var entity = response.Value;
        await LargeProperties.RestoreAsync(entity, payloads, cancellationToken);
        return (ToState(entity), entity.ETag);
    }

    /// <summary>
    /// Writes the row of a step committed at history <paramref name="position"/>, if the row is still the one this
    /// writer last saw (<paramref name="etag"/>; null when it saw none) or, failing that, if the stored row was written
    /// at an older position. A row written by a later step (a process that took over the partition while this one
    /// was still writing) is never replaced by an older one, and a purged row is not brought back: such a write is
    /// dropped and null is returned. Otherwise returns the new ETag and the blobs holding the row's large values
    /// (reused while the values do not change).
    /// </summary>
    public async Task<(ETag ETag, Dictionary<string, string>? Blobs)?> WriteAsync(
        InstanceState state,
        long position,
        ETag? etag,
        InstanceState? previous,
        IReadOnlyDictionary<string, string>? previousBlobs,
        CancellationToken cancellationToken)
    {
        var entity = ToEntity(state);
        entity[PositionColumn] = position;
        var blobs = await OffloadAsync(entity, state.InstanceId, previous, previousBlobs, cancellationToken);
        while (true)
        {
            try
            {
                var response = etag is { } match
                    ? await table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, cancellationToken)
                    : await table.AddEntityAsync(entity, cancellationToken);
                return (response.Headers.ETag ?? ETag.All, blobs);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                if (e.Status == 404)
                {
                    // Purged meanwhile: only a finished instance is purged, so this write is late.
                    return null;
                }
            }

            var current = await GetEntityAsync(state.InstanceId, cancellationToken);
            if (current is null)
            {
                etag = null;
                continue;
            }

            if (PositionOf(current) >= position)
            {
                return null;
            }

            etag = current.ETag;
        }
    }

    /// <summary>
    /// Inserts the row, or replaces a finished one; throws <see cref="OrchestrationAlreadyExistsException"/> when the
    /// existing row is still Pending, Running, Suspended or ContinuedAsNew. Returns whether no row existed before, and
    /// the blobs holding the row's large values.
    /// </summary>
    public async Task<(bool Inserted, Dictionary<string, string>? Blobs, ETag ETag)> CreateAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var entity = ToEntity(state);
        var blobs = await OffloadAsync(entity, state.InstanceId, null, null, cancellationToken);
        while (true)
        {
            try
            {
                var added = await table.AddEntityAsync(entity, cancellationToken);
                return (true, blobs, added.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }

            var current = await GetEntityAsync(state.InstanceId, cancellationToken);
            if (current is null)
            {
                continue;
            }

            var status = ToState(current).RuntimeStatus;
            if (!status.IsTerminal())
            {
                throw new OrchestrationAlreadyExistsException(state.InstanceId, status);
            }

            try
            {
                // The replaced row's position stays, so that a late write of the finished execution loses to the new one.
                entity[PositionColumn] = PositionOf(current);
                var replaced = await table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return (false, blobs, replaced.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Another creator or a purge got there first: look again.
            }
        }
    }

    private async Task<TableEntity?> GetEntityAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, SummaryColumns, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static long PositionOf(TableEntity entity) => entity.GetInt64(PositionColumn) ?? -1;

    public async IAsyncEnumerable<(InstanceState State, ETag ETag)> QueryAsync(
        string? filter,
        bool includePayloads,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: includePayloads ? null : SummaryColumns, cancellationToken: cancellationToken))
        {
            await LargeProperties.RestoreAsync(entity, payloads, cancellationToken);
            yield return (ToState(entity), entity.ETag);
        }
    }

    /// <summary>Deletes the row if it still has <paramref name="etag"/>; false when it changed or is gone.</summary>
    public async Task<bool> DeleteAsync(string instanceId, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(instanceId, string.Empty, etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, string>?> OffloadAsync(
        TableEntity entity,
        string instanceId,
        InstanceState? previous,
        IReadOnlyDictionary<string, string>? previousBlobs,
        CancellationToken cancellationToken)
    {
        string? Reuse(string key, string value)
        {
            if (previous is null || previousBlobs is null || !previousBlobs.TryGetValue(key, out var blob))
            {
                return null;
            }

            var old = key switch
            {
                "Input" => previous.Input,
                "Output" => previous.Output,
                "CustomStatus" => previous.CustomStatus,
                _ => null,
            };
            return string.Equals(old, value, StringComparison.Ordinal) ? blob : null;
        }

        return await LargeProperties.OffloadAsync(entity, payloads, instanceId, "instance", Reuse, cancellationToken);
    }

    public static TableEntity ToEntity(InstanceState s) => HistoryEntity.WithoutNulls(new TableEntity(s.InstanceId, string.Empty)
    {
        ["Name"] = s.Name,
        ["ExecutionId"] = s.ExecutionId,
        ["RuntimeStatus"] = s.RuntimeStatus.ToString(),
        ["CreatedTime"] = HistoryEntity.Utc(s.CreatedAt),
        ["LastUpdatedTime"] = HistoryEntity.Utc(s.LastUpdatedAt),
        ["CompletedTime"] = s.CompletedAt is { } completed ? HistoryEntity.Utc(completed) : null,
        ["Input"] = s.Input,
        ["Output"] = s.Output,
        ["CustomStatus"] = s.CustomStatus,
        ["FailureDetails"] = StoreJson.Serialize(s.FailureDetails),
        ["ParentInstanceId"] = s.ParentInstanceId,
        ["ScheduledStartTime"] = s.ScheduledStartAt is { } start ? HistoryEntity.Utc(start) : null,
    });

    public static InstanceState ToState(TableEntity e) => new(e.PartitionKey, e.GetString("Name") ?? string.Empty)
    {
        ExecutionId = e.GetString("ExecutionId") ?? string.Empty,
        RuntimeStatus = Enum.TryParse<OrchestrationRuntimeStatus>(e.GetString("RuntimeStatus"), out var status) ? status : OrchestrationRuntimeStatus.Pending,
        CreatedAt = HistoryEntity.ReadUtc(e, "CreatedTime") ?? default,
        LastUpdatedAt = HistoryEntity.ReadUtc(e, "LastUpdatedTime") ?? default,
        CompletedAt = HistoryEntity.ReadUtc(e, "CompletedTime"),
        Input = e.GetString("Input"),
        Output = e.GetString("Output"),
        CustomStatus = e.GetString("CustomStatus"),
        FailureDetails = StoreJson.Deserialize<TaskFailureDetails>(e.GetString("FailureDetails")),
        ParentInstanceId = e.GetString("ParentInstanceId"),
        ScheduledStartAt = HistoryEntity.ReadUtc(e, "ScheduledStartTime"),
    };

    public static IReadOnlyList<string> PayloadColumnNames => PayloadColumns;
}
