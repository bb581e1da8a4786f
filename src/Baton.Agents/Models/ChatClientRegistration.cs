using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// A chat client supplied in code for a model key (a custom provider, a scripted model in tests). It takes precedence
/// over configuration; the provider still wraps it with retries and the key's rate limits.
/// </summary>
/// <param name="ModelKey">The model key.</param>
/// <param name="ModelName">The model name shown in telemetry.</param>
/// <param name="Factory">Creates the client once, from the service provider.</param>
public sealed record ChatClientRegistration(string ModelKey, string ModelName, Func<IServiceProvider, IChatClient> Factory);
