using Microsoft.Extensions.Configuration;

namespace Baton.Agents.Tests.Models;

public sealed class ChatClientProviderTests
{
    private static ChatClientProvider Provider(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void GetEndpoint_NothingConfigured_EveryKeyIsOffline()
    {
        var provider = new ChatClientProvider(configuration: null);

        var endpoint = provider.GetEndpoint("writer");

        Assert.Equal(ModelProvider.Offline, endpoint.Provider);
        Assert.Equal(OfflineChatClient.OfflineModelId, endpoint.ModelName);
        Assert.NotNull(provider.GetChatClient("writer"));
    }

    [Fact]
    public void GetEndpoint_AzdAppSettingsOnly_UsesAzureOpenAIForEveryKey()
    {
        var provider = Provider(new()
        {
            ["AZURE_OPENAI_ENDPOINT"] = "https://contoso.openai.azure.com/",
            ["AZURE_OPENAI_DEPLOYMENT"] = "gpt-4o",
            ["AZURE_OPENAI_API_KEY"] = "k",
        });

        var endpoint = provider.GetEndpoint("anything");

        Assert.Equal(ModelProvider.AzureOpenAI, endpoint.Provider);
        Assert.Equal("gpt-4o", endpoint.ModelName);
        Assert.Equal(new Uri("https://contoso.openai.azure.com/"), endpoint.Endpoint);
    }

    [Fact]
    public void GetEndpoint_PerKeySections_ChooseProviderPerKey()
    {
        var provider = Provider(new()
        {
            ["Baton:Models:classifier:Provider"] = "OpenAICompatible",
            ["Baton:Models:classifier:BaseUrl"] = "http://localhost:11434/v1",
            ["Baton:Models:classifier:Model"] = "llama3.2",
            ["Baton:Models:writer:Endpoint"] = "https://contoso.openai.azure.com/",
            ["Baton:Models:writer:Deployment"] = "gpt-4o",
            ["Baton:Models:writer:ApiKey"] = "k",
        });

        Assert.Equal((ModelProvider.OpenAICompatible, "llama3.2"), (provider.GetEndpoint("classifier").Provider, provider.GetEndpoint("classifier").ModelName));
        Assert.Equal((ModelProvider.AzureOpenAI, "gpt-4o"), (provider.GetEndpoint("writer").Provider, provider.GetEndpoint("writer").ModelName));
        Assert.Equal(ModelProvider.Offline, provider.GetEndpoint("other").Provider);
    }

    [Fact]
    public void GetEndpoint_AzureWithoutDeployment_SaysWhichSettingToSet()
    {
        var provider = Provider(new() { ["Baton:Models:writer:Provider"] = "AzureOpenAI", ["Baton:Models:writer:Endpoint"] = "https://x.openai.azure.com/" });

        var failure = Assert.Throws<ModelConfigurationException>(() => provider.GetEndpoint("writer"));

        Assert.Contains("AZURE_OPENAI_DEPLOYMENT", failure.Message, StringComparison.Ordinal);
    }
}
