using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>One line of the runs list.</summary>
internal sealed record RunRow(OrchestrationMetadata Instance, RunStatusView Status)
{
    public TimeSpan Duration(DateTimeOffset now) =>
        (Instance.CompletedAt ?? (Instance.IsCompleted ? Instance.LastUpdatedAt : now)) - Instance.CreatedAt;
}
