namespace Baton.Agents;

/// <summary>
/// The agent call records of every run on a task hub: one <see cref="AgentCallRecord"/> per (instance id, call key),
/// written by the agent and tool activities, read by the dashboard (calls, messages, tool calls, spend) on both hosts.
/// Implementations are thread-safe; writes are idempotent (<see cref="AgentCallRecord.Merge"/>), because activities run
/// at least once.
/// </summary>
public interface IAgentCallLedger
{
    /// <summary>
    /// Stores <paramref name="record"/> merged with what is stored under its key (<see cref="AgentCallRecord.Merge"/>)
    /// and returns what is stored afterwards. For a sub-orchestration's call, also records that
    /// <see cref="AgentCallRecord.ParentInstanceId"/> has the child <see cref="AgentCallRecord.InstanceId"/>.
    /// </summary>
    Task<AgentCallRecord> WriteAsync(AgentCallRecord record, CancellationToken cancellationToken = default);

    /// <summary>The run's records, in call order (by key).</summary>
    Task<IReadOnlyList<AgentCallRecord>> ListAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>The sub-orchestrations of <paramref name="instanceId"/> whose calls were recorded.</summary>
    Task<IReadOnlyList<string>> ListChildrenAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Every record of calls started at or after <paramref name="from"/> (all when null), for spend over a range.</summary>
    Task<IReadOnlyList<AgentCallRecord>> ListStartedSinceAsync(DateTime? from, CancellationToken cancellationToken = default);
}
