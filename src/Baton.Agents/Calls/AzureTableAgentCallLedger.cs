using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Baton.Agents;

/// <summary>
/// An <see cref="IAgentCallLedger"/> in the Azure Table <c>&lt;Hub&gt;AgentCalls</c> of the task hub's storage account:
/// partition = instance id, row = call key, the record as JSON split over properties of at most 30,000 characters, beside
/// the columns queries filter on (<c>Kind</c>, <c>StartedAt</c>). A record longer than a row holds has its long texts cut
/// with a marker (<see cref="AgentCallRecord.Truncated"/>). A sub-orchestration's call also adds a row
/// <c>~child~{id}</c> to its parent's partition, so that a run's spend can include its children's. Writes are
/// add-if-absent, and replaces of a failed attempt carry the row's ETag. Thread-safe.
/// </summary>
public sealed class AzureTableAgentCallLedger : IAgentCallLedger
{
    private const string ChildKind = "child";
    private const string ChildRowPrefix = "~child~";
    private static readonly int[] TextLimits = [16_000, 4_000, 1_000, 200];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly TableClient _table;
    private readonly Lock _gate = new();
    private Task? _created;

    /// <summary>Uses the table <c>{hubName}AgentCalls</c> of <paramref name="service"/>, creating it on first use.</summary>
    public AzureTableAgentCallLedger(TableServiceClient service, string hubName)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        TableName = hubName + "AgentCalls";
        _table = service.GetTableClient(TableName);
    }

    /// <summary>The table's name.</summary>
    public string TableName { get; }

    /// <inheritdoc />
    public async Task<AgentCallRecord> WriteAsync(AgentCallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureTableAsync().ConfigureAwait(false);
        if (record.ParentInstanceId is { } parent)
        {
            await AddIfAbsentAsync(new TableEntity(Key(parent), ChildRowPrefix + Key(record.InstanceId))
            {
                ["Kind"] = ChildKind,
                ["Child"] = record.InstanceId,
            }, cancellationToken).ConfigureAwait(false);
        }

        // Read, merge, then add-if-absent or replace under the ETag: another attempt of the same call may be writing.
        for (var attempt = 0; ; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Key(record.InstanceId), Key(record.CallKey), cancellationToken: cancellationToken).ConfigureAwait(false);
            var stored = existing.HasValue ? ToRecord(existing.Value!) : null;
            var merged = AgentCallRecord.Merge(stored, record);
            if (stored is not null && ReferenceEquals(merged, stored))
            {
                return stored;
            }

            try
            {
                if (stored is null)
                {
                    await _table.AddEntityAsync(ToEntity(merged, out merged), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.UpdateEntityAsync(ToEntity(merged, out merged), existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return merged;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                // Written meanwhile by another attempt of the call: merge with that one.
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgentCallRecord>> ListAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Key(instanceId)} and Kind ne {ChildKind}"), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListChildrenAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await EnsureTableAsync().ConfigureAwait(false);
        var children = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(instanceId)} and Kind eq {ChildKind}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["Child"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("Child") is { Length: > 0 } child)
            {
                children.Add(child);
            }
        }

        return children;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AgentCallRecord>> ListStartedSinceAsync(DateTime? from, CancellationToken cancellationToken = default) =>
        QueryAsync(
            from is { } since
                ? TableClient.CreateQueryFilter($"StartedAt ge {new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc))} and Kind ne {ChildKind}")
                : TableClient.CreateQueryFilter($"Kind ne {ChildKind}"),
            cancellationToken);

    private async Task<IReadOnlyList<AgentCallRecord>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        await EnsureTableAsync().ConfigureAwait(false);
        var records = new List<AgentCallRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ToRecord(entity) is { } record)
            {
                records.Add(record);
            }
        }

        return [.. records.OrderBy(r => r.InstanceId, StringComparer.Ordinal).ThenBy(r => r.CallKey, StringComparer.Ordinal)];
    }

    private async Task AddIfAbsentAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Written by an earlier call of the same child.
        }
    }

    private Task EnsureTableAsync()
    {
        lock (_gate)
        {
            // A failed creation (storage not up yet) is retried on the next call rather than remembered.
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = _table.CreateIfNotExistsAsync();
            }

            return _created;
        }
    }

    private static TableEntity ToEntity(AgentCallRecord record, out AgentCallRecord written)
    {
        written = record;
        var json = JsonSerializer.Serialize(record, Json);
        foreach (var limit in TextLimits)
        {
            if (json.Length <= TableJsonColumns.MaxChars)
            {
                break;
            }

            written = record.Shortened(limit);
            json = JsonSerializer.Serialize(written, Json);
        }

        if (json.Length > TableJsonColumns.MaxChars)
        {
            // Only a conversation of thousands of messages gets here: keep the latest ones.
            var messages = written.Messages ?? [];
            while (json.Length > TableJsonColumns.MaxChars && messages.Count > 1)
            {
                messages = [.. messages.Skip(messages.Count / 2)];
                written = written with { Messages = messages, Truncated = true, TrimmedMessages = written.TrimmedMessages + ((written.Messages?.Count ?? 0) - messages.Count) };
                json = JsonSerializer.Serialize(written, Json);
            }
        }

        var entity = new TableEntity(Key(record.InstanceId), Key(record.CallKey))
        {
            ["Kind"] = record.Kind == AgentCallKind.Model ? "model" : "tool",
            ["StartedAt"] = new DateTimeOffset(DateTime.SpecifyKind(record.StartedAt, DateTimeKind.Utc)),
            ["Agent"] = record.AgentName,
            ["Failed"] = record.Failed,
        };
        TableJsonColumns.Write(entity, json);
        return entity;
    }

    private static AgentCallRecord? ToRecord(TableEntity entity) =>
        TableJsonColumns.Read(entity) is { } json ? JsonSerializer.Deserialize<AgentCallRecord>(json, Json) : null;

    private static string Key(string value) => TableJsonColumns.Key(value);
}
