namespace Baton.Agents;

/// <summary>Which kind of endpoint a model key uses.</summary>
public enum ModelProvider
{
    /// <summary>The built-in offline model: deterministic, no network, free.</summary>
    Offline,

    /// <summary>An Azure OpenAI deployment, with an API key or Entra ID (DefaultAzureCredential).</summary>
    AzureOpenAI,

    /// <summary>Any endpoint speaking the OpenAI chat-completions API (OpenAI, Ollama, vLLM).</summary>
    OpenAICompatible,
}
