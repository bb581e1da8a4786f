namespace Baton.Agents;

/// <summary>
/// Prices by model key or model id (case-insensitive), bound from <c>Baton:Prices</c>. A model with no price costs 0,
/// which the spend shows as such; the offline model is always free.
/// </summary>
public sealed class PriceTable
{
    /// <summary>Prices by model key or model id.</summary>
    public Dictionary<string, ModelPrice> Prices { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The estimated cost of a call: the model key's price, else the model id's, else 0.</summary>
    public decimal Estimate(string modelKey, string? modelId, long inputTokens, long outputTokens)
    {
        if (Prices.TryGetValue(modelKey, out var price) || (modelId is not null && Prices.TryGetValue(modelId, out price)))
        {
            return price.CostOf(inputTokens, outputTokens);
        }

        return 0m;
    }
}
