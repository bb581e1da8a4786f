using System.Globalization;

namespace Baton.Agents;

/// <summary>
/// An <see cref="IApprovalLedger"/> in this process's memory, for tests and <c>--store memory</c>: exactly one decision
/// among this process's callers, lost when it stops. Thread-safe.
/// </summary>
public sealed class InMemoryApprovalLedger : IApprovalLedger
{
    private readonly Dictionary<(string, string), ApprovalRecord> _records = [];
    private readonly Lock _gate = new();
    private long _version;

    /// <inheritdoc />
    public Task<ApprovalRecord?> GetAsync(string instanceId, string eventName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(Key(instanceId, eventName)));
        }
    }

    /// <inheritdoc />
    public Task<ApprovalRecord> AddIfAbsentAsync(ApprovalRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            var key = Key(record.InstanceId, record.EventName);
            if (!_records.TryGetValue(key, out var stored))
            {
                stored = record with { ETag = NextETag() };
                _records[key] = stored;
            }

            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<ApprovalRecord?> TryReplaceAsync(ApprovalRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            var key = Key(record.InstanceId, record.EventName);
            if (!_records.TryGetValue(key, out var current) || !string.Equals(current.ETag, record.ETag, StringComparison.Ordinal))
            {
                return Task.FromResult<ApprovalRecord?>(null);
            }

            var stored = record with { ETag = NextETag() };
            _records[key] = stored;
            return Task.FromResult<ApprovalRecord?>(stored);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApprovalRecord>> ListAsync(ApprovalLedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ApprovalRecord>>([.. _records.Values.Where(query.Matches).OrderBy(r => r.RequestedAt)]);
        }
    }

    private static (string, string) Key(string instanceId, string eventName) => (instanceId, eventName.ToUpperInvariant());

    private string NextETag() => (++_version).ToString(CultureInfo.InvariantCulture);
}
