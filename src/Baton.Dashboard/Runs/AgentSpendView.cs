namespace Baton.Dashboard;

/// <summary>One agent's tokens, estimated cost and number of LLM calls within a run.</summary>
internal sealed record AgentSpendView(long InputTokens, long OutputTokens, decimal EstimatedCost, int Calls)
{
    public long TotalTokens => InputTokens + OutputTokens;
}
