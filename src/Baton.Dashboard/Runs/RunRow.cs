using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>
/// One line of the runs list, with the sub-workflows of the run found on the same page nested under it.
/// <see cref="Spend"/> includes sub-workflows when read from call records.
/// </summary>
internal sealed record RunRow(OrchestrationMetadata Instance, RunStatusView Status)
{
    public RunSpendView Spend { get; init; } = Status.Spend;

    /// <summary>Sub-workflows of this run on the same page, oldest first.</summary>
    public IReadOnlyList<RunRow> Children { get; init; } = [];

    /// <summary>The parent's id when this is a sub-workflow whose parent is not on the page (shown as a link).</summary>
    public string? ParentOffPage { get; init; }

    /// <summary>
    /// This run's spend with its sub-workflows': from call records it already holds them (following the ledger's child
    /// links, whether or not they are on the page); from custom statuses, the nested rows' are added.
    /// </summary>
    public RunSpendView RolledUpSpend => Spend.FromCallRecords || Children.Count == 0
        ? Spend
        : Children.Select(c => c.RolledUpSpend).Aggregate(Spend, (total, child) => new RunSpendView(
            total.InputTokens + child.InputTokens,
            total.OutputTokens + child.OutputTokens,
            total.EstimatedCost + child.EstimatedCost,
            total.Calls + child.Calls,
            total.Agents));

    /// <summary>How many sub-workflows the rolled-up spend includes.</summary>
    public int SubWorkflowsInSpend => Spend.FromCallRecords ? Spend.SubWorkflows : Descendants;

    /// <summary>How many sub-workflows are nested under this run on the page, at any depth.</summary>
    public int Descendants => Children.Sum(c => 1 + c.Descendants);

    public TimeSpan Duration(DateTimeOffset now) =>
        (Instance.CompletedAt ?? (Instance.IsCompleted ? Instance.LastUpdatedAt : now)) - Instance.CreatedAt;
}
