namespace Baton.Agents;

/// <summary>
/// One model key's settings, bound from <c>Baton:Models:{key}</c>. For Azure OpenAI, unset endpoint, deployment and key
/// fall back to the app settings an azd Functions app uses: <c>AZURE_OPENAI_ENDPOINT</c>,
/// <c>AZURE_OPENAI_DEPLOYMENT</c> and <c>AZURE_OPENAI_API_KEY</c>.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>The provider; Offline when not set.</summary>
    public ModelProvider Provider { get; set; } = ModelProvider.Offline;

    /// <summary>Azure OpenAI: the resource endpoint, e.g. https://my-resource.openai.azure.com/.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Azure OpenAI: the deployment name.</summary>
    public string? Deployment { get; set; }

    /// <summary>Azure OpenAI or OpenAI-compatible: the API key. For Azure, none means DefaultAzureCredential.</summary>
    public string? ApiKey { get; set; }

    /// <summary>OpenAI-compatible: the base URL, e.g. http://localhost:11434/v1 for Ollama.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>OpenAI-compatible: the model name.</summary>
    public string? Model { get; set; }

    /// <summary>Requests per minute this deployment allows this process; unlimited when null.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Tokens (input plus expected output) per minute this deployment allows this process; unlimited when null.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>Retries inside one LLM activity for transient failures (429, 408, 5xx, timeouts). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off delay; doubled per retry, with jitter. Default 1 second.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off delay. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest retry-after wait honoured inside the activity. A longer one fails the activity at once with the
    /// hint, so the orchestration waits on a durable timer instead of holding a worker. Default 60 seconds.
    /// </summary>
    public TimeSpan MaxInActivityRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The time limit of one attempt. Default 100 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Output tokens assumed for rate limiting when the agent sets no maximum. Default 1000.</summary>
    public int ExpectedOutputTokens { get; set; } = 1000;
}
