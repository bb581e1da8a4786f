using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>One line of the runs list, with the sub-workflows of the run found on the same page nested under it.</summary>
internal sealed record RunRow(OrchestrationMetadata Instance, RunStatusView Status)
{
    /// <summary>Sub-workflows of this run on the same page, oldest first.</summary>
    public IReadOnlyList<RunRow> Children { get; init; } = [];

    /// <summary>The parent's id when this is a sub-workflow whose parent is not on the page (shown as a link).</summary>
    public string? ParentOffPage { get; init; }

    /// <summary>This run's spend plus that of every sub-workflow nested under it.</summary>
    public RunSpendView RolledUpSpend => Children.Count == 0
        ? Status.Spend
        : Children.Select(c => c.RolledUpSpend).Aggregate(Status.Spend, (total, child) => new RunSpendView(
            total.InputTokens + child.InputTokens,
            total.OutputTokens + child.OutputTokens,
            total.EstimatedCost + child.EstimatedCost,
            total.Calls + child.Calls,
            total.Agents));

    /// <summary>How many sub-workflows are nested under this run, at any depth.</summary>
    public int Descendants => Children.Sum(c => 1 + c.Descendants);

    public TimeSpan Duration(DateTimeOffset now) =>
        (Instance.CompletedAt ?? (Instance.IsCompleted ? Instance.LastUpdatedAt : now)) - Instance.CreatedAt;
}
