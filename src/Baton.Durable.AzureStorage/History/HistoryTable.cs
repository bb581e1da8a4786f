using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// The <c>&lt;Hub&gt;History</c> table: partition = instance id, one row per event (row key
/// <c>{generation:D4}-{sequence:D8}</c>), and a sentinel row that says which rows are committed.
/// </summary>
/// <remarks>
/// An append is a chain of entity-group transactions of at most 99 event rows plus the sentinel, each updating the
/// sentinel under its previous ETag, so that two writers can never both append: the loser's next transaction fails.
/// Only the last transaction moves the sentinel's committed count, so a reader never sees half a step, and rows
/// a crashed or losing writer left beyond the count are ignored and later overwritten. A new execution writes a
/// new generation of rows and switches the sentinel to it; the old generation is then deleted.
/// </remarks>
internal sealed class HistoryTable(TableClient table, PayloadStore payloads)
{
    public const string SentinelRowKey = "sentinel";
    private const int MaxRowsPerBatch = 99;
    private const long MaxBatchBytes = 3_500_000;

    public TableClient Client => table;

    public async Task<HistorySnapshot> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        // A history longer than one page (1,000 rows) is read in several requests, and the sentinel comes last: an
        // append committed in between makes the sentinel count rows this read did not see. Reading again settles it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReadOnceAsync(instanceId, cancellationToken);
            }
            catch (InvalidDataException) when (attempt < MaxReadAttempts)
            {
            }
        }
    }

    private const int MaxReadAttempts = 5;

    private async Task<HistorySnapshot> ReadOnceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        TableEntity? sentinel = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == SentinelRowKey)
            {
                sentinel = entity;
            }
            else
            {
                rows.Add(entity);
            }
        }

        if (sentinel is null)
        {
            return HistorySnapshot.Empty;
        }

        var generation = sentinel.GetInt32("Generation") ?? 0;
        var count = sentinel.GetInt32("Count") ?? 0;
        var prefix = GenerationPrefix(generation);
        var committed = rows
            .Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal) && SequenceOf(r.RowKey) < count)
            .OrderBy(r => r.RowKey, StringComparer.Ordinal)
            .ToList();
        if (committed.Count != count)
        {
            throw new InvalidDataException(
                $"History of '{instanceId}' is inconsistent: the sentinel commits {count} events of generation {generation} but {committed.Count} rows exist.");
        }

        var events = new HistoryEvent[committed.Count];
        for (var i = 0; i < committed.Count; i++)
        {
            await LargeProperties.RestoreAsync(committed[i], payloads, cancellationToken);
            events[i] = HistoryEntity.ToEvent(committed[i]);
        }

        return new HistorySnapshot(events, generation, sentinel.ETag);
    }

    /// <summary>
    /// Appends <paramref name="newEvents"/> (or, for a new execution, replaces the history with them) if nobody
    /// wrote since <paramref name="basis"/> was read; otherwise throws <see cref="OrchestrationConcurrencyException"/>
    /// having committed nothing.
    /// </summary>
    public async Task<HistorySnapshot> AppendAsync(
        string instanceId,
        HistorySnapshot basis,
        IReadOnlyList<HistoryEvent> newEvents,
        bool newExecution,
        CancellationToken cancellationToken)
    {
        var generation = newExecution && basis.SentinelETag is not null ? basis.Generation + 1 : basis.Generation;
        var start = newExecution ? 0 : basis.Events.Count;
        var rows = new List<TableEntity>(newEvents.Count);
        for (var i = 0; i < newEvents.Count; i++)
        {
            var entity = HistoryEntity.ToEntity(instanceId, RowKey(generation, start + i), newEvents[i]);
            await LargeProperties.OffloadAsync(entity, payloads, instanceId, "history", null, cancellationToken);
            rows.Add(entity);
        }

        var chunks = Split(rows);
        var etag = basis.SentinelETag;
        var total = start + newEvents.Count;
        for (var c = 0; c < chunks.Count; c++)
        {
            var last = c == chunks.Count - 1;
            var sentinel = new TableEntity(instanceId, SentinelRowKey)
            {
                // Only the last transaction moves the committed count (and the generation), so readers never see part of a step.
                ["Generation"] = last ? generation : basis.Generation,
                ["Count"] = last ? total : basis.Events.Count,
            };
            var actions = chunks[c].Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
            actions.Add(etag is { } match
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, sentinel, match)
                : new TableTransactionAction(TableTransactionActionType.Add, sentinel));
            try
            {
                var response = await table.SubmitTransactionAsync(actions, cancellationToken);
                etag = response.Value[^1].Headers.ETag ?? await ReadSentinelETagAsync(instanceId, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                throw new OrchestrationConcurrencyException(instanceId, "Another writer appended to its history first.");
            }
        }

        if (newExecution && basis.SentinelETag is not null && basis.Events.Count > 0)
        {
            await DeleteGenerationAsync(instanceId, basis.Generation, basis.Events.Count, cancellationToken);
        }

        IReadOnlyList<HistoryEvent> events = newExecution ? newEvents.ToArray() : [.. basis.Events, .. newEvents];
        return new HistorySnapshot(events, generation, etag);
    }

    /// <summary>Deletes every row of the instance, sentinel included.</summary>
    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            var actions = chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, k), ETag.All));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                foreach (var key in chunk)
                {
                    await table.DeleteEntityAsync(instanceId, key, ETag.All, cancellationToken);
                }
            }
        }
    }

    private async Task DeleteGenerationAsync(string instanceId, int generation, int count, CancellationToken cancellationToken)
    {
        // Best effort: leftovers of an old generation are never read and are removed by a purge.
        try
        {
            foreach (var chunk in Enumerable.Range(0, count).Chunk(100))
            {
                var actions = chunk.Select(i => new TableTransactionAction(
                    TableTransactionActionType.Delete, new TableEntity(instanceId, RowKey(generation, i)), ETag.All));
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
        }
        catch (RequestFailedException)
        {
        }
    }

    private async Task<ETag?> ReadSentinelETagAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityAsync<TableEntity>(instanceId, SentinelRowKey, ["RowKey"], cancellationToken);
        return response.Value.ETag;
    }

    private static List<List<TableEntity>> Split(List<TableEntity> rows)
    {
        var chunks = new List<List<TableEntity>> { new() };
        long bytes = 0;
        foreach (var row in rows)
        {
            var size = LargeProperties.EstimateSize(row);
            if (chunks[^1].Count >= MaxRowsPerBatch || (chunks[^1].Count > 0 && bytes + size > MaxBatchBytes))
            {
                chunks.Add([]);
                bytes = 0;
            }

            chunks[^1].Add(row);
            bytes += size;
        }

        return chunks;
    }

    private static string GenerationPrefix(int generation) => generation.ToString("D4", CultureInfo.InvariantCulture) + "-";

    private static string RowKey(int generation, int sequence) =>
        GenerationPrefix(generation) + sequence.ToString("D8", CultureInfo.InvariantCulture);

    private static int SequenceOf(string rowKey) =>
        int.TryParse(rowKey.AsSpan(rowKey.IndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : int.MaxValue;
}
