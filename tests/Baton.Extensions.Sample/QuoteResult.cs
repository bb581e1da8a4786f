namespace Contoso.Quotes;

/// <summary>The quote: the customer as normalized by the activity, the agent's answer and the tools it called.</summary>
/// <param name="Customer">The normalized customer name.</param>
/// <param name="Answer">The quoter agent's answer.</param>
/// <param name="ToolCalls">Each tool call as "name: result".</param>
public sealed record QuoteResult(string Customer, string Answer, IReadOnlyList<string> ToolCalls);
