using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>Everything the run page shows about one run, read at <see cref="Now"/>.</summary>
internal sealed record RunDetails(OrchestrationMetadata Instance, RunStatusView Status, IReadOnlyList<HistoryEvent> History, RunTimeline Timeline, DateTimeOffset Now)
{
    /// <summary>Whether the engine can rewind the run when it has failed (Durable Functions can; Baton's engine cannot).</summary>
    public bool CanRewind { get; init; }
}
