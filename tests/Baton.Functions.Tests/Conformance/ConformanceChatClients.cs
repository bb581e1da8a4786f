using Baton.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// The app's own model clients (the offline model unless configured otherwise), counted; optionally the first calls
/// fail as a throttled Azure OpenAI deployment does once the retries inside the activity are spent: a
/// <see cref="ModelCallException"/> with status 429 and a retry-after hint, which the orchestration's retry policy
/// honours on a durable timer.
/// </summary>
internal sealed class ConformanceChatClients(IChatClientProvider inner, int throttledCalls, TimeSpan retryAfter) : IChatClientProvider
{
    private readonly int _throttledCalls = throttledCalls;
    private readonly TimeSpan _retryAfter = retryAfter;
    private int _calls;

    /// <summary>Model calls made so far, failed ones included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Puts the counting provider in place of the app's, building the app's own provider inside it.</summary>
    public static void Register(IServiceCollection services, int throttledCalls = 0, TimeSpan retryAfter = default) =>
        services.AddSingleton<IChatClientProvider>(sp => new ConformanceChatClients(
            new ChatClientProvider(
                sp.GetService<IConfiguration>(),
                sp.GetRequiredService<RateLimiterRegistry>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>(),
                sp.GetServices<ChatClientRegistration>(),
                sp),
            throttledCalls,
            retryAfter));

    public IChatClient GetChatClient(string modelKey) => new Counted(this, inner.GetChatClient(modelKey), inner.GetEndpoint(modelKey));

    public ModelEndpoint GetEndpoint(string modelKey) => inner.GetEndpoint(modelKey);

    private sealed class Counted(ConformanceChatClients owner, IChatClient client, ModelEndpoint endpoint) : DelegatingChatClient(client)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref owner._calls) <= owner._throttledCalls)
            {
                throw new ModelCallException(endpoint, 429, "req-throttled", isTransient: true, owner._retryAfter, attempts: 4, new InvalidOperationException("Rate limit reached for the deployment."));
            }

            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
