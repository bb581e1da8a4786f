using Microsoft.Extensions.AI;

namespace Baton.Workflows.Tests.Fakes;

/// <summary>A model that always fails with a non-transient error, so the LLM activity fails at once.</summary>
internal sealed class FailingChatClient : IChatClient
{
    public const string Message = "The model deployment is disabled.";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
