using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// Resolves a model key to a chat client. Clients are created once per key and shared; they retry transient
/// failures and respect the deployment's rate limits. Thread-safe.
/// </summary>
public interface IChatClientProvider
{
    /// <summary>The chat client for <paramref name="modelKey"/>.</summary>
    IChatClient GetChatClient(string modelKey);

    /// <summary>Where <paramref name="modelKey"/> resolves to.</summary>
    ModelEndpoint GetEndpoint(string modelKey);
}
