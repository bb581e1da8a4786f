namespace Baton.Agents;

/// <summary>Where a model key resolved to, for telemetry, rate limiting and error messages.</summary>
/// <param name="Key">The model key.</param>
/// <param name="Provider">The provider.</param>
/// <param name="ModelName">The deployment (Azure), model (OpenAI-compatible) or "baton-offline".</param>
/// <param name="Endpoint">The endpoint, when there is one.</param>
public sealed record ModelEndpoint(string Key, ModelProvider Provider, string ModelName, Uri? Endpoint)
{
    /// <summary>The key of the rate limiter: model keys that reach the same deployment share one limiter.</summary>
    public string LimiterKey => $"{Provider}|{Endpoint}|{ModelName}";

    /// <summary>The gen_ai.provider.name value: "azure.ai.openai", "openai" or "baton.offline".</summary>
    public string TelemetryProviderName => Provider switch
    {
        ModelProvider.AzureOpenAI => "azure.ai.openai",
        ModelProvider.OpenAICompatible => "openai",
        _ => "baton.offline",
    };

    /// <inheritdoc />
    public override string ToString() => Provider switch
    {
        ModelProvider.AzureOpenAI => $"model '{Key}' (Azure OpenAI deployment '{ModelName}' at {Endpoint})",
        ModelProvider.OpenAICompatible => $"model '{Key}' (OpenAI-compatible model '{ModelName}' at {Endpoint})",
        _ => $"model '{Key}' (offline model)",
    };
}
