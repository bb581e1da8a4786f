using Baton.Agents;

namespace Baton.Agents.Tests.Spend;

public sealed class PriceTableTests
{
    [Fact]
    public void TryFind_DatedAzureModelId_UsesTheLongestDefaultItStartsWith()
    {
        var prices = new PriceTable();

        var found = prices.TryFind("default", "gpt-4o-mini-2024-07-18", out var price, out var source);

        Assert.True(found);
        Assert.Equal("gpt-4o-mini", source);
        Assert.Equal(0.15m, price!.InputPerMillionTokens);
        Assert.Equal(0.00072m, prices.Estimate("default", "gpt-4.1-mini-2025-04-14", 1000, 200));
    }

    [Fact]
    public void TryFind_ModelKeyPricedInConfiguration_WinsOverTheModelId()
    {
        var prices = new PriceTable();
        prices.Prices["writer"] = new ModelPrice { InputPerMillionTokens = 10m, OutputPerMillionTokens = 30m };

        Assert.Equal(0.016m, prices.Estimate("writer", "gpt-4.1-mini-2025-04-14", 1000, 200));
    }

    [Fact]
    public void TryFind_UnknownModelOrNameThatOnlySharesAPrefix_FindsNothing()
    {
        var prices = new PriceTable();

        Assert.False(prices.TryFind("default", "llama3.1:8b", out _, out var source));
        Assert.Null(source);
        Assert.False(prices.TryFind("default", "gpt-4oxyz", out _, out _));
        Assert.False(new PriceTable(withDefaults: false).TryFind("default", "gpt-4o", out _, out _));
    }
}
