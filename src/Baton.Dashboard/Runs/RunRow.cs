using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>One line of the runs list; <see cref="Spend"/> includes sub-workflows when read from call records.</summary>
internal sealed record RunRow(OrchestrationMetadata Instance, RunStatusView Status)
{
    public RunSpendView Spend { get; init; } = Status.Spend;

    public TimeSpan Duration(DateTimeOffset now) =>
        (Instance.CompletedAt ?? (Instance.IsCompleted ? Instance.LastUpdatedAt : now)) - Instance.CreatedAt;
}
