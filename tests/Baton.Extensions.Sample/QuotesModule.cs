using Baton.Agents;
using Baton.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Contoso.Quotes;

/// <summary>What the quote workflows need besides their classes: the agents and the price list.</summary>
public sealed class QuotesModule : IBatonModule
{
    /// <summary>The agent that prices quotes with <see cref="QuoteTools"/>.</summary>
    public const string Quoter = "quoter";

    /// <summary>The agent that checks clauses with the tools of the MCP server "contracts".</summary>
    public const string ClauseChecker = "clause-checker";

    /// <inheritdoc />
    public void Configure(BatonBuilder baton)
    {
        ArgumentNullException.ThrowIfNull(baton);
        baton.Services.TryAddSingleton<PriceList>();
        baton.AddAgent(new AgentDefinition(Quoter, "You price quote requests. Price the product with quote_price, then reserve the stock with reserve_stock.")
        {
            Tools = ["quote_price", "reserve_stock"],
            Description = "Prices quote requests and reserves stock.",
        });
        baton.AddAgent(new AgentDefinition(ClauseChecker, "You check contract clauses with the contracts server's tools and report what they say.")
        {
            Tools = ["mcp:contracts/*"],
        });
    }
}
