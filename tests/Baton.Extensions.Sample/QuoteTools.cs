using System.ComponentModel;
using System.Globalization;
using Baton.Agents;

namespace Contoso.Quotes;

/// <summary>The quoter's tools: plain C# methods. A new instance per call, with the price list from the container.</summary>
public sealed class QuoteTools(PriceList prices)
{
    /// <summary>Prices a quantity of a product.</summary>
    [Tool("quote_price")]
    [Description("Prices a quantity of a product from the price list.")]
    public string QuotePrice([Description("The product to price.")] string product, [Description("How many.")] int quantity) =>
        string.Create(CultureInfo.InvariantCulture, $"{quantity} x {product} = {quantity * prices.UnitPrice:0.00} EUR");

    /// <summary>Reserves stock once per call, whatever the retries.</summary>
    [Tool("reserve_stock")]
    [SideEffecting]
    [Description("Reserves stock of a product for the quote.")]
    public string ReserveStock([Description("The product.")] string product, [Description("How many.")] int quantity, [IdempotencyKey] string idempotencyKey)
    {
        prices.Reservations.TryAdd(idempotencyKey, $"{quantity} x {product}");
        return $"reserved {quantity} x {product}";
    }
}
