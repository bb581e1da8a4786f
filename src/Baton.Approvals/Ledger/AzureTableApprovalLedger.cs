using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Baton.Agents;

namespace Baton.Approvals;

/// <summary>
/// An <see cref="IApprovalLedger"/> in the Azure Table <c>&lt;Hub&gt;Approvals</c> of the task hub's storage account:
/// partition = instance id, row = event name (lower case), the record as JSON (split over properties of at most 32K
/// characters) beside the columns queries filter on (<c>Status</c>, <c>RequestedAt</c>, <c>AwaitingDelivery</c>).
/// Replaces carry the row's ETag (<c>If-Match</c>), so of two processes deciding at once exactly one succeeds.
/// Thread-safe.
/// </summary>
public sealed class AzureTableApprovalLedger : IApprovalLedger
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly TableClient _table;
    private readonly Lock _gate = new();
    private Task? _created;

    /// <summary>Uses the table <c>{hubName}Approvals</c> of <paramref name="service"/>, creating it on first use.</summary>
    public AzureTableApprovalLedger(TableServiceClient service, string hubName)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        TableName = hubName + "Approvals";
        _table = service.GetTableClient(TableName);
    }

    /// <summary>The table's name.</summary>
    public string TableName { get; }

    /// <inheritdoc />
    public async Task<ApprovalRecord?> GetAsync(string instanceId, string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await EnsureTableAsync().ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Key(instanceId), RowKey(eventName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<ApprovalRecord> AddIfAbsentAsync(ApprovalRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureTableAsync().ConfigureAwait(false);
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Written before (the activity ran again, or another process got there first): the stored one stands.
            return await GetAsync(record.InstanceId, record.EventName, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The approval record '{record.EventName}' of instance '{record.InstanceId}' exists and yet cannot be read.", e);
        }
    }

    /// <inheritdoc />
    public async Task<ApprovalRecord?> TryReplaceAsync(ApprovalRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ETag is null)
        {
            throw new ArgumentException("Replace a record read from the ledger: its ETag is missing.", nameof(record));
        }

        await EnsureTableAsync().ConfigureAwait(false);
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(record), new ETag(record.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApprovalRecord>> ListAsync(ApprovalLedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureTableAsync().ConfigureAwait(false);
        var records = new List<ApprovalRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(Filter(query), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ToRecord(entity) is { } record && query.Matches(record))
            {
                records.Add(record);
            }
        }

        return [.. records.OrderBy(r => r.RequestedAt)];
    }

    private static string? Filter(ApprovalLedgerQuery query)
    {
        var parts = new List<string>();
        if (query.InstanceId is { } instanceId)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {Key(instanceId)}"));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            parts.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {StatusName(s)}"))) + ")");
        }

        if (query.RequestedFrom is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"RequestedAt ge {new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc))}"));
        }

        if (query.AwaitingDeliveryOnly)
        {
            parts.Add("AwaitingDelivery eq true");
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
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

    private static TableEntity ToEntity(ApprovalRecord record)
    {
        var json = JsonSerializer.Serialize(record with { ETag = null }, Json);
        if (json.Length > TableJsonColumns.MaxChars)
        {
            throw new InvalidOperationException(
                $"The approval record '{record.EventName}' of instance '{record.InstanceId}' is {json.Length} characters of JSON, more than an " +
                $"Azure Table row holds ({TableJsonColumns.MaxChars}). Shorten the request's Details or ArgumentsJson (link to a document instead).");
        }

        var entity = new TableEntity(Key(record.InstanceId), RowKey(record.EventName))
        {
            ["Status"] = StatusName(record.Status),
            ["RequestedAt"] = new DateTimeOffset(DateTime.SpecifyKind(record.RequestedAt, DateTimeKind.Utc)),
            ["AwaitingDelivery"] = record.AwaitsDelivery,
            ["Workflow"] = record.Workflow,
            ["Kind"] = record.Kind,
        };
        TableJsonColumns.Write(entity, json);
        return entity;
    }

    private static ApprovalRecord? ToRecord(TableEntity entity) =>
        TableJsonColumns.Read(entity) is { } json && JsonSerializer.Deserialize<ApprovalRecord>(json, Json) is { } record
            ? record with { ETag = entity.ETag.ToString() }
            : null;

    private static string StatusName(ApprovalStatus status) => status.ToString().ToLowerInvariant();

    private static string RowKey(string eventName) => Key(eventName.ToLowerInvariant());

    private static string Key(string value) => TableJsonColumns.Key(value);
}
