namespace Baton.Agents;

/// <summary>
/// A per-run spending limit. Before each LLM call the agent loop checks whether the call would take the run past the
/// limit (spent so far plus the size of the previous call); if so it fails or asks a person for more, as
/// <see cref="OnExceeded"/> says.
/// </summary>
/// <param name="MaxTokens">Input plus output tokens for the whole run; null for no token limit.</param>
/// <param name="MaxCost">Estimated cost for the whole run; null for no cost limit.</param>
/// <param name="OnExceeded">Fail, or ask the approvers for more.</param>
public sealed record RunBudget(long? MaxTokens = null, decimal? MaxCost = null, BudgetExceededAction OnExceeded = BudgetExceededAction.Fail)
{
    /// <summary>Tokens added per approval; the original <see cref="MaxTokens"/> when null.</summary>
    public long? ExtraTokensPerApproval { get; init; }

    /// <summary>Cost added per approval; the original <see cref="MaxCost"/> when null.</summary>
    public decimal? ExtraCostPerApproval { get; init; }
}
