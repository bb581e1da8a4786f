namespace Baton.Dashboard;

/// <summary>One bar of a spend chart: a workflow's or an agent's totals over the range.</summary>
internal sealed record SpendBar(string Label, long InputTokens, long OutputTokens, decimal EstimatedCost, int Count)
{
    public long TotalTokens => InputTokens + OutputTokens;
}
