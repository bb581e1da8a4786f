using Microsoft.Extensions.AI;

namespace Baton.Agents.Tests.Fakes;

/// <summary>A chat client that answers from a script and records what it was sent.</summary>
internal sealed class ScriptedChatClient(Func<ScriptedChatClient, IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> answer) : IChatClient
{
    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public static ChatResponse Text(string text, int input = 10, int output = 5) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = "scripted",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };

    public static ChatResponse ToolCalls(params (string CallId, string Name, Dictionary<string, object?> Arguments)[] calls) =>
        new(new ChatMessage(ChatRole.Assistant, [.. calls.Select(c => (AIContent)new FunctionCallContent(c.CallId, c.Name, c.Arguments))]))
        {
            ModelId = "scripted",
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add((list, options));
        return Task.FromResult(answer(this, list, options));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
