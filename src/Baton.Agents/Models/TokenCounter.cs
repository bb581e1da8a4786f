using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Baton.Agents;

/// <summary>
/// Counts tokens with the o200k_base encoding (GPT-4o and later). Counts for other models are estimates, good enough
/// for budgets, trimming and rate limits. Pure and thread-safe; the encoding loads once.
/// </summary>
public static class TokenCounter
{
    // OpenAI's accounting: a few tokens of framing per message, and a few to prime the reply.
    private const int PerMessageOverhead = 3;
    private const int ReplyPriming = 3;

    private static readonly Lazy<Tokenizer> Encoding = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>Tokens in <paramref name="text"/>.</summary>
    public static int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : Encoding.Value.CountTokens(text);

    /// <summary>Tokens one stored message takes in a prompt.</summary>
    public static int Count(AgentMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tokens = PerMessageOverhead + Count(message.Text);
        foreach (var call in message.ToolCalls ?? [])
        {
            tokens += Count(call.ToolName) + Count(call.ArgumentsJson) + PerMessageOverhead;
        }

        return tokens;
    }

    /// <summary>Tokens a list of chat messages takes in a prompt.</summary>
    public static int CountMessages(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var tokens = ReplyPriming;
        foreach (var message in messages)
        {
            tokens += PerMessageOverhead;
            foreach (var content in message.Contents)
            {
                tokens += content switch
                {
                    TextContent text => Count(text.Text),
                    FunctionCallContent call => Count(call.Name) + Count(JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions)),
                    FunctionResultContent result => Count(result.Result as string ?? JsonSerializer.Serialize(result.Result, AIJsonUtilities.DefaultOptions)),
                    _ => 0,
                };
            }
        }

        return tokens;
    }
}
