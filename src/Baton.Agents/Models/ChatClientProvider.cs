using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;

namespace Baton.Agents;

/// <summary>
/// Resolves model keys from configuration. For key K it reads <c>Baton:Models:K</c>, else <c>Baton:Models:default</c>;
/// with neither, it uses Azure OpenAI when <c>AZURE_OPENAI_ENDPOINT</c> is set and the offline model otherwise. A
/// section without a Provider is Azure OpenAI when it (or the app settings) name an endpoint, OpenAI-compatible when it
/// names a BaseUrl, and offline otherwise. Clients made by <see cref="ChatClientRegistration"/>s take precedence.
/// Clients are created once per key, with the SDK's own retries off, and wrapped to retry and rate-limit. Thread-safe.
/// </summary>
public sealed class ChatClientProvider : IChatClientProvider
{
    private const string ModelsSection = "Baton:Models";

    private readonly IConfiguration? _configuration;
    private readonly RateLimiterRegistry _limiters;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly IServiceProvider? _services;
    private readonly Dictionary<string, ChatClientRegistration> _registrations;
    private readonly ChatRecordingOptions _recording;
    private readonly ConcurrentDictionary<string, Lazy<(ModelEndpoint Endpoint, IChatClient Client)>> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the provider.</summary>
    /// <param name="configuration">The app's configuration; null means every key is offline.</param>
    /// <param name="limiters">The process's rate limiters.</param>
    /// <param name="timeProvider">The clock for back-off and rate limits.</param>
    /// <param name="loggerFactory">Where retries are logged.</param>
    /// <param name="registrations">Chat clients registered in code, by key.</param>
    /// <param name="services">Passed to registered client factories.</param>
    /// <param name="recording">
    /// Record or replay model calls (see <see cref="RecordingChatClient"/>); from <c>Baton:Recording</c> when null.
    /// </param>
    public ChatClientProvider(
        IConfiguration? configuration,
        RateLimiterRegistry? limiters = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IEnumerable<ChatClientRegistration>? registrations = null,
        IServiceProvider? services = null,
        ChatRecordingOptions? recording = null)
    {
        _recording = recording ?? configuration?.GetSection(ChatRecordingOptions.SectionName).Get<ChatRecordingOptions>() ?? new ChatRecordingOptions();
        _configuration = configuration;
        _time = timeProvider ?? TimeProvider.System;
        _limiters = limiters ?? new RateLimiterRegistry(_time);
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _services = services;
        _registrations = (registrations ?? []).GroupBy(r => r.ModelKey, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public IChatClient GetChatClient(string modelKey) => Resolve(modelKey).Client;

    /// <inheritdoc />
    public ModelEndpoint GetEndpoint(string modelKey) => Resolve(modelKey).Endpoint;

    /// <summary>The settings <paramref name="modelKey"/> resolves to, fallbacks applied.</summary>
    public ModelOptions GetOptions(string modelKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelKey);
        var models = _configuration?.GetSection(ModelsSection);
        var section = models?.GetSection(modelKey);
        if (section is null || !section.Exists())
        {
            section = models?.GetSection(AgentDefinition.DefaultModel);
        }

        if (section is not null && section.Exists())
        {
            var options = section.Get<ModelOptions>() ?? new ModelOptions();
            if (section["Provider"] is null)
            {
                options.Provider = options.BaseUrl is not null ? ModelProvider.OpenAICompatible
                    : options.Endpoint is not null || !string.IsNullOrWhiteSpace(_configuration?["AZURE_OPENAI_ENDPOINT"]) ? ModelProvider.AzureOpenAI
                    : ModelProvider.Offline;
            }

            return options;
        }

        return new ModelOptions
        {
            Provider = string.IsNullOrWhiteSpace(_configuration?["AZURE_OPENAI_ENDPOINT"]) ? ModelProvider.Offline : ModelProvider.AzureOpenAI,
        };
    }

    private (ModelEndpoint Endpoint, IChatClient Client) Resolve(string modelKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelKey);
        return _clients.GetOrAdd(modelKey, key => new Lazy<(ModelEndpoint, IChatClient)>(() => Create(key))).Value;
    }

    private (ModelEndpoint, IChatClient) Create(string key)
    {
        var options = GetOptions(key);
        ModelEndpoint endpoint;
        IChatClient inner;
        if (_registrations.TryGetValue(key, out var registration))
        {
            endpoint = new ModelEndpoint(key, options.Provider, registration.ModelName, null);
            inner = registration.Factory(_services!);
        }
        else
        {
            (endpoint, inner) = options.Provider switch
            {
                ModelProvider.AzureOpenAI => CreateAzure(key, options),
                ModelProvider.OpenAICompatible => CreateOpenAICompatible(key, options),
                _ => (new ModelEndpoint(key, ModelProvider.Offline, OfflineChatClient.OfflineModelId, null), new OfflineChatClient()),
            };
        }

        // Recording sits inside the retries: what is recorded is what the provider finally answered, and a replay
        // answers at once.
        if (_recording.Mode != ChatRecordingMode.Off)
        {
            inner = new RecordingChatClient(inner, _recording, key);
        }

        var logger = _loggers.CreateLogger("Baton.Agents.Models");
        return (endpoint, new ResilientChatClient(inner, endpoint, options, _limiters.For(endpoint, options), _time, logger));
    }

    private (ModelEndpoint, IChatClient) CreateAzure(string key, ModelOptions options)
    {
        var endpointText = options.Endpoint ?? _configuration?["AZURE_OPENAI_ENDPOINT"];
        var deployment = options.Deployment ?? _configuration?["AZURE_OPENAI_DEPLOYMENT"];
        var apiKey = options.ApiKey ?? _configuration?["AZURE_OPENAI_API_KEY"];
        if (string.IsNullOrWhiteSpace(endpointText) || !Uri.TryCreate(endpointText, UriKind.Absolute, out var uri))
        {
            throw new ModelConfigurationException(
                $"Model '{key}' uses Azure OpenAI but has no valid endpoint ('{endpointText}'). Set {ModelsSection}:{key}:Endpoint or AZURE_OPENAI_ENDPOINT.");
        }

        if (string.IsNullOrWhiteSpace(deployment))
        {
            throw new ModelConfigurationException(
                $"Model '{key}' uses Azure OpenAI at {uri} but names no deployment. Set {ModelsSection}:{key}:Deployment or AZURE_OPENAI_DEPLOYMENT.");
        }

        var clientOptions = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = options.AttemptTimeout };
        var client = string.IsNullOrWhiteSpace(apiKey)
            ? new AzureOpenAIClient(uri, new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(uri, new ApiKeyCredential(apiKey), clientOptions);
        return (new ModelEndpoint(key, ModelProvider.AzureOpenAI, deployment, uri), client.GetChatClient(deployment).AsIChatClient());
    }

    private static (ModelEndpoint, IChatClient) CreateOpenAICompatible(string key, ModelOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl) || !Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri))
        {
            throw new ModelConfigurationException(
                $"Model '{key}' uses an OpenAI-compatible endpoint but has no valid base URL ('{options.BaseUrl}'). Set {ModelsSection}:{key}:BaseUrl, e.g. http://localhost:11434/v1.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ModelConfigurationException($"Model '{key}' uses the OpenAI-compatible endpoint {uri} but names no model. Set {ModelsSection}:{key}:Model.");
        }

        // Local servers (Ollama, vLLM) take no key, but the SDK needs a non-empty credential.
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey);
        var client = new OpenAIClient(credential, new OpenAIClientOptions { Endpoint = uri, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = options.AttemptTimeout });
        return (new ModelEndpoint(key, ModelProvider.OpenAICompatible, options.Model, uri), client.GetChatClient(options.Model).AsIChatClient());
    }
}
