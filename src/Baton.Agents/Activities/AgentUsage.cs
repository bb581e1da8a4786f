namespace Baton.Agents;

/// <summary>Tokens used by one LLM call or summed over several, with the estimated cost.</summary>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="EstimatedCost">Cost from the configured price table (<c>Baton:Prices</c>); 0 when no price is known.</param>
public sealed record AgentUsage(long InputTokens = 0, long OutputTokens = 0, decimal EstimatedCost = 0m)
{
    /// <summary>No usage.</summary>
    public static AgentUsage Zero { get; } = new();

    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>The sum of two usages.</summary>
    public static AgentUsage operator +(AgentUsage left, AgentUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens, left.EstimatedCost + right.EstimatedCost);
    }

    /// <summary>The sum of two usages.</summary>
    public static AgentUsage Add(AgentUsage left, AgentUsage right) => left + right;
}
