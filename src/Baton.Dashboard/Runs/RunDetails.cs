using Baton.Agents;
using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>
/// Everything the run page shows about one run, read at <see cref="Now"/>: its agent and tool call records
/// (<see cref="Calls"/>, this run's own) and its spend (<see cref="Spend"/>, sub-workflows included).
/// </summary>
internal sealed record RunDetails(OrchestrationMetadata Instance, RunStatusView Status, IReadOnlyList<HistoryEvent> History, RunTimeline Timeline, DateTimeOffset Now)
{
    public IReadOnlyList<AgentCallRecord> Calls { get; init; } = [];

    public RunSpendView Spend { get; init; } = Status.Spend;

    /// <summary>Whether the engine can rewind the run when it has failed (Durable Functions can; Baton's engine cannot).</summary>
    public bool CanRewind { get; init; }
}
