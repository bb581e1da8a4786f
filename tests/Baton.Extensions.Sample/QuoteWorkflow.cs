using System.ComponentModel;
using Baton.Agents;
using Baton.Durable;

namespace Contoso.Quotes;

/// <summary>Normalizes the customer, then the quoter agent prices the request and reserves the stock.</summary>
[DurableTask(Name)]
[Description("Prices a quote request with the quoter agent and reserves the stock.")]
public sealed class QuoteWorkflow : TaskOrchestrator<QuoteRequest, QuoteResult>
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "quote-request";

    /// <inheritdoc />
    public override async Task<QuoteResult> RunAsync(TaskOrchestrationContext context, QuoteRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var customer = await context.CallActivityAsync<string>(NormalizeCustomerActivity.Name, input.Customer);
        var run = await context.RunAgentAsync(
            QuotesModule.Quoter,
            $"Quote this request.\nCustomer: {customer}\nProduct: {input.Product}\nQuantity: {input.Quantity}");
        return new QuoteResult(customer, run.Text, [.. run.ToolCalls.Select(c => $"{c.Request.ToolName}: {c.Result.Content}")]);
    }
}
