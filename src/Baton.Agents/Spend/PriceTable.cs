using System.Diagnostics.CodeAnalysis;

namespace Baton.Agents;

/// <summary>
/// Prices per million tokens by model key, deployment or model id (case-insensitive): <see cref="Defaults"/> (list
/// prices in US dollars of the OpenAI models Baton deploys and is tried with), overridden and extended by
/// <c>Baton:Prices:{model key, deployment or model id}</c>. A model id such as <c>gpt-4.1-mini-2025-04-14</c> also
/// matches the entry of the longest name it starts with (<c>gpt-4.1-mini</c>). The offline model is always free; a
/// model with no price costs 0, and the record of its calls says the price is unknown.
/// </summary>
public sealed class PriceTable
{
    /// <summary>The source name of the offline model's price: it is free.</summary>
    public const string OfflineSource = "offline";

    /// <summary>
    /// Default prices per million input and output tokens, US dollars, standard (global) deployments, as published by
    /// OpenAI and Azure OpenAI in 2025. Set <c>Baton:Prices</c> for your agreement, region, currency or other models.
    /// </summary>
    public static IReadOnlyDictionary<string, (decimal Input, decimal Output)> Defaults { get; } =
        new Dictionary<string, (decimal Input, decimal Output)>(StringComparer.OrdinalIgnoreCase)
        {
            ["gpt-4.1"] = (2.00m, 8.00m),
            ["gpt-4.1-mini"] = (0.40m, 1.60m),
            ["gpt-4.1-nano"] = (0.10m, 0.40m),
            ["gpt-4o"] = (2.50m, 10.00m),
            ["gpt-4o-mini"] = (0.15m, 0.60m),
            ["gpt-5"] = (1.25m, 10.00m),
            ["gpt-5-mini"] = (0.25m, 2.00m),
            ["gpt-5-nano"] = (0.05m, 0.40m),
            ["o3"] = (2.00m, 8.00m),
            ["o3-mini"] = (1.10m, 4.40m),
            ["o4-mini"] = (1.10m, 4.40m),
        };

    /// <summary>Creates a table holding <see cref="Defaults"/>.</summary>
    public PriceTable()
        : this(withDefaults: true)
    {
    }

    /// <summary>Creates a table holding <see cref="Defaults"/> or, with <paramref name="withDefaults"/> false, nothing.</summary>
    public PriceTable(bool withDefaults)
    {
        if (withDefaults)
        {
            foreach (var (model, (input, output)) in Defaults)
            {
                Prices[model] = new ModelPrice { InputPerMillionTokens = input, OutputPerMillionTokens = output };
            }
        }
    }

    /// <summary>Prices by model key, deployment or model id; configuration entries replace defaults of the same name.</summary>
    public Dictionary<string, ModelPrice> Prices { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The estimated cost of a call: the model key's price, else the model id's, else 0.</summary>
    public decimal Estimate(string modelKey, string? modelId, long inputTokens, long outputTokens) =>
        TryFind(modelKey, modelId, out var price, out _) ? price.CostOf(inputTokens, outputTokens) : 0m;

    /// <summary>
    /// Finds the price of a call by, in order: the model key, the model id (or deployment) exactly, then the longest
    /// entry the model id starts with followed by '-'. <paramref name="source"/> names the entry used.
    /// </summary>
    public bool TryFind(string modelKey, string? modelId, [NotNullWhen(true)] out ModelPrice? price, [NotNullWhen(true)] out string? source)
    {
        ArgumentNullException.ThrowIfNull(modelKey);
        foreach (var name in new[] { modelKey, modelId })
        {
            if (name is not null && Prices.TryGetValue(name, out price))
            {
                source = name;
                return true;
            }
        }

        if (modelId is not null)
        {
            var best = Prices.Keys
                .Where(k => modelId.Length > k.Length && modelId.StartsWith(k, StringComparison.OrdinalIgnoreCase) && modelId[k.Length] == '-')
                .OrderByDescending(k => k.Length)
                .FirstOrDefault();
            if (best is not null)
            {
                price = Prices[best];
                source = best;
                return true;
            }
        }

        price = null;
        source = null;
        return false;
    }
}
