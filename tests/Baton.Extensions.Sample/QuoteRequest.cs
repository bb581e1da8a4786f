namespace Contoso.Quotes;

/// <summary>What a sales person asks a quote for.</summary>
/// <param name="Customer">The customer's name, as typed.</param>
/// <param name="Product">The product.</param>
/// <param name="Quantity">How many.</param>
public sealed record QuoteRequest(string Customer, string Product, int Quantity);
