namespace Baton.Agents;

/// <summary>The price of a model per million tokens, from configuration (<c>Baton:Prices:{model key or model id}</c>).</summary>
public sealed class ModelPrice
{
    /// <summary>Price of one million input tokens.</summary>
    public decimal InputPerMillionTokens { get; set; }

    /// <summary>Price of one million output tokens.</summary>
    public decimal OutputPerMillionTokens { get; set; }

    /// <summary>The estimated cost of a call.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
}
