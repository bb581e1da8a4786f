namespace Baton.Agents;

/// <summary>What one agent used within a run. Mutable: the orchestration adds to it after each LLM call.</summary>
public sealed class AgentSpend
{
    /// <summary>Prompt tokens.</summary>
    public long InputTokens { get; set; }

    /// <summary>Completion tokens.</summary>
    public long OutputTokens { get; set; }

    /// <summary>Estimated cost from the price table.</summary>
    public decimal EstimatedCost { get; set; }

    /// <summary>LLM calls made.</summary>
    public int Calls { get; set; }

    /// <summary>Adds one call's usage.</summary>
    public void Add(AgentUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        InputTokens += usage.InputTokens;
        OutputTokens += usage.OutputTokens;
        EstimatedCost += usage.EstimatedCost;
        Calls++;
    }
}
