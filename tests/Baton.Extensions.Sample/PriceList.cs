using System.Collections.Concurrent;

namespace Contoso.Quotes;

/// <summary>A price list and the stock reservations made, at most one per idempotency key; registered as a singleton.</summary>
public sealed class PriceList
{
    /// <summary>The unit price of every product, in euros.</summary>
    public decimal UnitPrice { get; init; } = 12.5m;

    /// <summary>Reservations by idempotency key.</summary>
    public ConcurrentDictionary<string, string> Reservations { get; } = new(StringComparer.Ordinal);
}
