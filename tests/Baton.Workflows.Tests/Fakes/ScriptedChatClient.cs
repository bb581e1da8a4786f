using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Baton.Workflows.Tests.Fakes;

/// <summary>A model that gives its answers in order (the last one again once they run out) and records what it was asked with.</summary>
internal sealed class ScriptedChatClient(params string[] answers) : IChatClient
{
    private int _next;

    public ConcurrentQueue<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(([.. messages], options));
        var index = Math.Min(Interlocked.Increment(ref _next) - 1, answers.Length - 1);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answers[index]))
        {
            ModelId = "scripted",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 40, OutputTokenCount = 8, TotalTokenCount = 48 },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
