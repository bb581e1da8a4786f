using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// The built-in offline model: an <see cref="IChatClient"/> that answers with no network and no key, the same way
/// for the same input. Its answers are shaped by the instructions (a researcher lists findings from its sources, a
/// writer drafts markdown sections, a classifier picks a label, a summarizer summarizes, a reviewer reviews). When
/// tools are offered and none has been used yet, it asks for one call of each, with arguments drawn from the input.
/// For a JSON schema it answers with a value valid for that schema. Usage is counted with the o200k_base tokenizer.
/// Every text it writes carries <see cref="Marker"/>, and its model id is <see cref="OfflineModelId"/>. Thread-safe.
/// </summary>
public sealed partial class OfflineChatClient : IChatClient
{
    /// <summary>The model id the offline model reports.</summary>
    public const string OfflineModelId = "baton-offline";

    /// <summary>The marker every offline text carries.</summary>
    public const string Marker = "[offline model]";

    private const int MaxToolCallsPerTurn = 4;

    private readonly ChatClientMetadata _metadata = new("baton-offline", null, OfflineModelId);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var instructions = string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var sources = ReadSources(list);

        var declarations = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        var toolsUsed = list.SelectMany(m => m.Contents).Any(c => c is FunctionCallContent or FunctionResultContent);
        ChatMessage reply;
        ChatFinishReason finish;
        if (declarations.Count > 0 && !toolsUsed)
        {
            reply = RequestTools(declarations, sources);
            finish = ChatFinishReason.ToolCalls;
        }
        else if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            reply = new ChatMessage(ChatRole.Assistant, WriteJson(json, sources));
            finish = ChatFinishReason.Stop;
        }
        else
        {
            reply = new ChatMessage(ChatRole.Assistant, Compose(instructions, sources));
            finish = ChatFinishReason.Stop;
        }

        var inputTokens = TokenCounter.CountMessages(list) + declarations.Sum(d => TokenCounter.Count(d.Name) + TokenCounter.Count(d.Description) + TokenCounter.Count(d.JsonSchema.GetRawText()));
        var outputTokens = TokenCounter.CountMessages([reply]) - 6;
        var response = new ChatResponse(reply)
        {
            ModelId = OfflineModelId,
            FinishReason = finish,
            ResponseId = "offline-" + Hash(list, reply),
            Usage = new UsageDetails
            {
                InputTokenCount = inputTokens,
                OutputTokenCount = Math.Max(outputTokens, 1),
                TotalTokenCount = inputTokens + Math.Max(outputTokens, 1),
            },
        };
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static OfflineSources ReadSources(List<ChatMessage> messages)
    {
        var toolNames = messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .GroupBy(c => c.CallId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var material = new List<(string Label, string Text)>();
        var task = string.Empty;
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.User && !string.IsNullOrWhiteSpace(message.Text))
            {
                task = message.Text;
                material.Add(("input", message.Text));
            }

            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                var text = result.Result switch
                {
                    null => string.Empty,
                    string s => s,
                    JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? string.Empty,
                    var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions),
                };
                material.Add((toolNames.TryGetValue(result.CallId, out var name) ? name : "tool", text));
            }
        }

        return new OfflineSources(task, material);
    }

    private static ChatMessage RequestTools(List<AIFunctionDeclaration> declarations, OfflineSources sources)
    {
        var contents = new List<AIContent>();
        foreach (var (declaration, index) in declarations.Take(MaxToolCallsPerTurn).Select((d, i) => (d, i)))
        {
            var argumentsJson = new OfflineJsonWriter(declaration.JsonSchema, name => ArgumentFor(name, sources), sources.MostMentioned).Write();
            var arguments = AgentMessageMapping.ParseArguments(argumentsJson);
            contents.Add(new FunctionCallContent($"offline_call_{index + 1}", declaration.Name, arguments));
        }

        return new ChatMessage(ChatRole.Assistant, contents);
    }

    private static string WriteJson(ChatResponseFormatJson format, OfflineSources sources)
    {
        if (format.Schema is not { } schema)
        {
            return JsonSerializer.Serialize(new { text = Compose(string.Empty, sources) });
        }

        var sentence = 0;
        return new OfflineJsonWriter(schema, name => FieldFor(name, sources, ref sentence), sources.MostMentioned).Write();
    }

    private static string ArgumentFor(string name, OfflineSources sources)
    {
        var key = name.ToLowerInvariant();
        var slug = sources.Keywords.Count == 0 ? "notes" : string.Join('-', sources.Keywords.Take(3));
        if (key.Contains("url", StringComparison.Ordinal) || key.Contains("uri", StringComparison.Ordinal) || key.Contains("link", StringComparison.Ordinal))
        {
            return sources.Urls.FirstOrDefault() ?? "https://example.com/";
        }

        if (key is "to" or "recipient" or "recipients" || key.Contains("email", StringComparison.Ordinal) || key.Contains("address", StringComparison.Ordinal))
        {
            return sources.Emails.FirstOrDefault() ?? "team@example.com";
        }

        if (key.Contains("path", StringComparison.Ordinal) || key.Contains("file", StringComparison.Ordinal) || key.Contains("document", StringComparison.Ordinal) || key == "name")
        {
            return $"offline/{slug}.md";
        }

        if (key.Contains("subject", StringComparison.Ordinal) || key.Contains("title", StringComparison.Ordinal))
        {
            return $"{Marker} {sources.Title}";
        }

        if (key is "body" or "content" or "text" or "message" or "summary" or "description")
        {
            return Compose(string.Empty, sources);
        }

        // Queries, topics, keywords and anything else: the task's keywords.
        return sources.Keywords.Count == 0 ? sources.ShortTask : string.Join(' ', sources.Keywords.Take(4));
    }

    private static string FieldFor(string name, OfflineSources sources, ref int sentence)
    {
        var key = name.ToLowerInvariant();
        if (key.Contains("title", StringComparison.Ordinal) || key.Contains("name", StringComparison.Ordinal) || key.Contains("subject", StringComparison.Ordinal))
        {
            return $"{Marker} {sources.Title}";
        }

        if (key.Contains("url", StringComparison.Ordinal) || key.Contains("link", StringComparison.Ordinal))
        {
            return sources.Urls.FirstOrDefault() ?? "https://example.com/offline";
        }

        if (sources.Sentences.Count == 0)
        {
            return $"{Marker} {sources.ShortTask}".TrimEnd();
        }

        var (text, _) = sources.Sentences[sentence % sources.Sentences.Count];
        sentence++;
        return $"{Marker} {text}";
    }

    private static string Compose(string instructions, OfflineSources sources)
    {
        var role = instructions.ToLowerInvariant();
        var builder = new StringBuilder();
        var points = sources.Sentences.Take(5).ToList();
        if (role.Contains("research", StringComparison.Ordinal) || role.Contains("investigat", StringComparison.Ordinal) || role.Contains("analy", StringComparison.Ordinal))
        {
            builder.Append(Marker).Append(" Research findings for: ").AppendLine(sources.ShortTask).AppendLine();
            builder.AppendLine("Findings:");
            AppendBullets(builder, points, withSource: true);
            builder.AppendLine().AppendLine("Open questions:");
            builder.Append("- Which of these findings still hold? They were extracted from the provided sources, not checked by a live model.").AppendLine();
        }
        else if (role.Contains("writ", StringComparison.Ordinal) || role.Contains("report", StringComparison.Ordinal) || role.Contains("draft", StringComparison.Ordinal) || role.Contains("edit", StringComparison.Ordinal))
        {
            builder.AppendLine(Marker).AppendLine();
            builder.Append("# ").AppendLine(sources.Title).AppendLine();
            builder.AppendLine("## Summary").AppendLine();
            builder.AppendLine(points.Count == 0 ? "There was no material to summarize." : string.Join(' ', points.Take(2).Select(p => p.Sentence))).AppendLine();
            builder.AppendLine("## Key points").AppendLine();
            AppendBullets(builder, points, withSource: false);
            builder.AppendLine().AppendLine("## Next steps").AppendLine();
            builder.AppendLine("- Check the key points against the sources.");
            builder.Append("- Replace this offline draft with one from a configured model before publishing.").AppendLine();
        }
        else if ((role.Contains("classif", StringComparison.Ordinal) || role.Contains("categor", StringComparison.Ordinal) || role.Contains("triage", StringComparison.Ordinal) || role.Contains("label", StringComparison.Ordinal)) && Labels(instructions) is { Count: > 0 } labels)
        {
            var task = sources.Task.ToLowerInvariant();
            var label = labels.FirstOrDefault(l => task.Contains(l.ToLowerInvariant(), StringComparison.Ordinal)) ?? labels[0];
            builder.Append(Marker).Append(' ').Append(label);
        }
        else if (role.Contains("summar", StringComparison.Ordinal))
        {
            builder.Append(Marker).Append(" Summary: ");
            builder.Append(points.Count == 0 ? "there was nothing to summarize." : string.Join(' ', points.Take(3).Select(p => p.Sentence)));
        }
        else if (role.Contains("review", StringComparison.Ordinal) || role.Contains("critic", StringComparison.Ordinal) || role.Contains("check", StringComparison.Ordinal))
        {
            builder.Append(Marker).AppendLine(" Review").AppendLine();
            builder.AppendLine("Strengths:");
            AppendBullets(builder, points.Take(2).ToList(), withSource: false);
            builder.AppendLine().AppendLine("Concerns:");
            builder.AppendLine("- Claims should be checked against their sources; this review was produced offline.");
            builder.AppendLine().Append("Verdict: acceptable with minor changes.");
        }
        else
        {
            builder.Append(Marker).Append(" Response to: ").AppendLine(sources.ShortTask).AppendLine();
            builder.AppendLine("Key points:");
            AppendBullets(builder, points, withSource: false);
        }

        return builder.ToString().TrimEnd();
    }

    private static void AppendBullets(StringBuilder builder, List<(string Sentence, string Label)> points, bool withSource)
    {
        if (points.Count == 0)
        {
            builder.AppendLine("- (the input held no material to work from)");
            return;
        }

        foreach (var (sentence, label) in points)
        {
            builder.Append("- ").Append(sentence);
            if (withSource)
            {
                builder.Append(" (source: ").Append(label).Append(')');
            }

            builder.AppendLine();
        }
    }

    private static List<string> Labels(string instructions)
    {
        var match = LabelList().Match(instructions);
        if (!match.Success)
        {
            return [];
        }

        return [.. LabelSplit().Split(match.Groups["labels"].Value)
            .Select(l => l.Trim().Trim('"', '\'', '`', '.', ' '))
            .Where(l => l.Length > 0 && l.Length <= 40)];
    }

    private static string Hash(List<ChatMessage> messages, ChatMessage reply)
    {
        var text = string.Join("\n", messages.Select(m => m.Role + ":" + m.Text)) + "\n=>" + reply.Text;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    [GeneratedRegex(@"(?:one of|among|labels?|categories|classes)\s*[:\-]?\s*(?<labels>[^\n.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex LabelList();

    [GeneratedRegex(@"\s*(?:,|\||/|\bor\b)\s*")]
    private static partial Regex LabelSplit();
}
