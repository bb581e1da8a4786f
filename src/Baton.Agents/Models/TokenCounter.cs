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

    /// <summary>Longest run of non-blank characters counted in one piece; longer runs are counted in pieces of this size.</summary>
    private const int MaxRunChars = 64;

    /// <summary>Longest text counted in one call to the encoder; longer text is cut at a blank after this many characters.</summary>
    private const int MaxPieceChars = 4096;

    /// <summary>Tokens in <paramref name="text"/>.</summary>
    /// <remarks>
    /// Linear in the length of the text: byte-pair encoding is quadratic in the length of one word, so a run of
    /// non-blank characters longer than <see cref="MaxRunChars"/> (a pasted blob, a megabyte "word") is counted in
    /// pieces of that size. No token of the encoding is that long, so a cut adds at most one token per piece.
    /// </remarks>
    public static int Count(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var tokenizer = Encoding.Value;
        var total = 0;
        var start = 0;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                run = 0;
                if (i - start >= MaxPieceChars)
                {
                    total += tokenizer.CountTokens(text.AsSpan(start, i - start));
                    start = i;
                }
            }
            else if (++run >= MaxRunChars && !char.IsHighSurrogate(text[i]))
            {
                total += tokenizer.CountTokens(text.AsSpan(start, i + 1 - start));
                start = i + 1;
                run = 0;
            }
        }

        return start < text.Length ? total + tokenizer.CountTokens(text.AsSpan(start)) : total;
    }

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
