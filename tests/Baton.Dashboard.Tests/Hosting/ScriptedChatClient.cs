using Microsoft.Extensions.AI;

namespace Baton.Dashboard.Tests.Hosting;

/// <summary>
/// A priced model for the dashboard tests: every call uses 1,000 input and 200 output tokens and names itself
/// gpt-4.1-mini-2025-04-14 (the default price table's gpt-4.1-mini: $0.00072 a call). With tools offered and no tool
/// result yet it asks for two tools; otherwise it answers in markdown that also tries to run script.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    public const string ModelKey = "priced";
    public const string Drafter = "test-drafter";
    public const string Checker = "test-checker";
    public const string LookupTool = "lookup_clause";
    public const string BrokenTool = "score_risk";

    public const string Answer = """
        ## Review of the draft

        The **liability cap** is missing. Compare with [the template](https://example.com/template) and
        [this link](javascript:alert('pwned')).

        <script>window.pwned = true</script><img src=x onerror="window.pwned = true">

        | clause | status |
        | --- | --- |
        | 4.2 | missing |

        - add a cap
        - add a governing law clause
        """;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var toolsOffered = options?.Tools is { Count: > 0 };
        var answered = list.Any(m => m.Role == ChatRole.Tool);
        var reply = toolsOffered && !answered
            ? new ChatMessage(ChatRole.Assistant,
            [
                new FunctionCallContent("call-1", LookupTool, new Dictionary<string, object?> { ["clause"] = "4.2" }),
                new FunctionCallContent("call-2", BrokenTool, new Dictionary<string, object?> { ["clause"] = "not-a-number" }),
            ])
            : new ChatMessage(ChatRole.Assistant, Answer);
        return Task.FromResult(new ChatResponse(reply)
        {
            ModelId = "gpt-4.1-mini-2025-04-14",
            Usage = new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 200 },
            FinishReason = reply.Contents.OfType<FunctionCallContent>().Any() ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The dashboard tests do not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    public static IEnumerable<Baton.Agents.AgentTool> Tools() =>
    [
        new(AIFunctionFactory.Create((string clause) => $"Clause {clause}: \"Liability is capped at the fees paid in the last 12 months.\"", LookupTool, "Looks up a clause of the template.")),
        new(AIFunctionFactory.Create((string clause) => int.TryParse(clause, out var n) ? n : throw new Baton.Agents.ToolInputException($"'{clause}' is not a clause number."), BrokenTool, "Scores the risk of a clause.")),
    ];
}
