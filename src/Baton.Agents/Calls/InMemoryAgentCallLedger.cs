namespace Baton.Agents;

/// <summary>An <see cref="IAgentCallLedger"/> in this process's memory, for tests and <c>--store memory</c>. Thread-safe.</summary>
public sealed class InMemoryAgentCallLedger : IAgentCallLedger
{
    private readonly Dictionary<(string, string), AgentCallRecord> _records = [];
    private readonly Dictionary<string, SortedSet<string>> _children = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<AgentCallRecord> WriteAsync(AgentCallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            var key = (record.InstanceId, record.CallKey);
            var stored = AgentCallRecord.Merge(_records.GetValueOrDefault(key), record);
            _records[key] = stored;
            if (record.ParentInstanceId is { } parent)
            {
                if (!_children.TryGetValue(parent, out var children))
                {
                    _children[parent] = children = new SortedSet<string>(StringComparer.Ordinal);
                }

                children.Add(record.InstanceId);
            }

            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AgentCallRecord>> ListAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AgentCallRecord>>(
                [.. _records.Values.Where(r => r.InstanceId == instanceId).OrderBy(r => r.CallKey, StringComparer.Ordinal)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListChildrenAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(_children.TryGetValue(instanceId, out var children) ? [.. children] : []);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AgentCallRecord>> ListStartedSinceAsync(DateTime? from, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AgentCallRecord>>(
                [.. _records.Values.Where(r => from is null || r.StartedAt >= from).OrderBy(r => r.StartedAt)]);
        }
    }
}
