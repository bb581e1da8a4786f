namespace Baton.Dashboard;

/// <summary>Tokens and estimated cost per workflow and per agent over the runs created in a range.</summary>
internal sealed record SpendReport(IReadOnlyList<SpendBar> ByWorkflow, IReadOnlyList<SpendBar> ByAgent, int Runs, bool Truncated)
{
    public long TotalTokens => ByWorkflow.Sum(b => b.TotalTokens);

    public decimal TotalCost => ByWorkflow.Sum(b => b.EstimatedCost);
}
