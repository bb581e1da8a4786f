using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// What the offline model knows of a conversation: the instructions, the task (the last user message) and its
/// "Label: value" lines, the tool calls made so far, and the facts it may repeat: sentences of the documents it read,
/// search snippets, findings quoted with "(source: path)", findings carried as JSON, and the input's own sentences,
/// each with where it came from, ranked by how well they match the task. Deterministic.
/// </summary>
internal sealed partial class OfflineSources
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "above", "after", "again", "also", "among", "another", "because", "been", "before", "being", "below",
        "between", "both", "could", "does", "doing", "each", "either", "every", "from", "further", "have",
        "having", "here", "however", "into", "itself", "just", "like", "made", "make", "many", "more", "most", "much",
        "must", "never", "only", "other", "over", "please", "same", "should", "since", "some", "such", "than", "that",
        "their", "them", "then", "there", "these", "they", "this", "those", "through", "under", "until", "very", "want",
        "were", "what", "when", "where", "which", "while", "will", "with", "within", "would", "your", "yours", "offline",
        "model", "write", "using", "based", "give", "list", "provide", "following", "return", "answer", "research",
        "topic", "source", "sources", "document", "documents", "report", "notes", "json", "findings", "revise", "draft",
        "previous", "comments", "hello", "thanks", "thank", "dear", "regards", "subject", "customer", "message",
    };

    private static readonly HashSet<string> Directives = new(StringComparer.OrdinalIgnoreCase)
    {
        "you", "give", "write", "research", "turn", "revise", "review", "answer", "who", "when", "draft", "reply", "classify",
        "use", "list", "build", "summarize", "summarise", "read", "search", "explain", "please", "return", "choose", "rate",
    };

    private static readonly string[] StatementFields = ["statement", "finding", "text", "description", "claim", "point", "fact"];

    private static readonly string[] SourceFields = ["source", "path", "document", "url", "reference"];

    public OfflineSources(IReadOnlyList<ChatMessage> messages)
    {
        Instructions = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var calls = messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .GroupBy(c => c.CallId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Calls = [.. calls.Values];

        var facts = new List<OfflineFact>();
        var snippets = new List<OfflineFact>();
        var inputs = new List<string>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.User && !string.IsNullOrWhiteSpace(message.Text))
            {
                Task = message.Text.Trim();
                inputs.Add(message.Text);
            }

            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                var text = ResultText(result.Result);
                if (!calls.TryGetValue(result.CallId, out var call))
                {
                    facts.AddRange(Sentences(text, "tool"));
                    continue;
                }

                if (OfflineTools.KindOf(call.Name) == OfflineToolKind.Search)
                {
                    Searched = true;
                    if (TryReadHits(text, out var hits))
                    {
                        foreach (var (path, snippet) in hits)
                        {
                            SearchHits.Add(path);
                            snippets.AddRange(Sentences(snippet, path));
                        }
                    }
                    else
                    {
                        facts.AddRange(Sentences(text, call.Name));
                    }
                }
                else if (OfflineTools.KindOf(call.Name) == OfflineToolKind.Read && OfflineTools.Target(call) is { } target)
                {
                    ReadTargets.Add(target);
                    facts.AddRange(Sentences(text, target));
                }
                else
                {
                    ToolOutcomes.Add((call.Name, text));
                }
            }
        }

        // Search snippets stand in for documents not read; once documents were read, only those speak.
        facts.AddRange(snippets.Where(f => ReadTargets.Count == 0 || ReadTargets.Contains(f.Source)));
        Labels = ReadLabels(Task);
        Topic = Label("topic", "title", "subject") ?? FirstLine(Task);
        Keywords = ExtractKeywords(Topic.Length > 0 ? Topic : Task);
        var all = inputs.Concat(facts.Select(f => f.Text)).ToList();
        Urls = [.. all.SelectMany(t => UrlPattern().Matches(t).Select(m => m.Value.TrimEnd('.', ',', ')'))).Distinct(StringComparer.Ordinal)];
        Emails = [.. all.SelectMany(t => EmailPattern().Matches(t).Select(m => m.Value)).Distinct(StringComparer.OrdinalIgnoreCase)];
        Paths = [.. PathPattern().Matches(Task).Select(m => m.Value).Distinct(StringComparer.Ordinal)];

        // Facts carried by the input: JSON findings first (a writer's input), then "(source: x)" lines (an analyst's),
        // then its plain sentences.
        var carried = new List<OfflineFact>();
        foreach (var input in inputs)
        {
            ReadJson(input, carried);
            carried.AddRange(SourcedLines(input));
        }

        if (carried.Count == 0)
        {
            // The request's own sentences, less the ones that tell the model what to do ("Write ...", "You are ...").
            foreach (var input in inputs)
            {
                carried.AddRange(Sentences(StripLabels(input), "input").Where(f => !Directives.Contains(f.Text.Split(' ')[0].TrimEnd(',', ':'))));
            }
        }

        facts.AddRange(carried);

        Facts = Rank(facts, Keywords);
    }

    public string Instructions { get; }

    /// <summary>The last user message.</summary>
    public string Task { get; } = string.Empty;

    /// <summary>"Label: value" lines of the task, by lower-case label (the first of each).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>What the task is about: its Topic, Title or Subject line, else its first line.</summary>
    public string Topic { get; }

    public IReadOnlyList<string> Keywords { get; }

    public IReadOnlyList<FunctionCallContent> Calls { get; }

    public List<string> SearchHits { get; } = [];

    /// <summary>True when a search tool was called.</summary>
    public bool Searched { get; }

    public HashSet<string> ReadTargets { get; } = new(StringComparer.Ordinal);

    /// <summary>Results of tools that are neither searches nor reads (tickets, emails), in order.</summary>
    public List<(string Tool, string Text)> ToolOutcomes { get; } = [];

    public IReadOnlyList<string> Urls { get; }

    public IReadOnlyList<string> Emails { get; }

    /// <summary>Document paths the task names (e.g. "reports/weekly.md").</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The facts, best match first, without duplicates.</summary>
    public IReadOnlyList<OfflineFact> Facts { get; }

    /// <summary>String lists the input carried as JSON, by lower-case property name (e.g. "risks").</summary>
    public Dictionary<string, List<string>> Lists { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A "summary" string the input carried as JSON.</summary>
    public string? Summary { get; private set; }

    /// <summary>Where the facts came from, in order of first use, without "input".</summary>
    public IReadOnlyList<string> FactSources => [.. Facts.Select(f => f.Source).Where(s => s != "input").Distinct(StringComparer.Ordinal)];

    /// <summary>The topic as a title: the Topic/Title/Subject line when there is one, else its keywords.</summary>
    public string Title
    {
        get
        {
            if (Label("topic", "title", "subject") is { } named)
            {
                return named.Length <= 100 ? named : named[..97].TrimEnd() + "...";
            }

            var words = Keywords.Take(5).Select(w => char.ToUpperInvariant(w[0]) + w[1..]).ToList();
            return words.Count == 0 ? "Offline Draft" : string.Join(' ', words);
        }
    }

    /// <summary>The value of the first of <paramref name="names"/> that the task has as a "Label: value" line.</summary>
    public string? Label(params string[] names) =>
        names.Select(n => Labels.TryGetValue(n, out var v) ? v : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>True when a tool of that name was already called in this conversation.</summary>
    public bool Called(string toolName) => Calls.Any(c => string.Equals(c.Name, toolName, StringComparison.Ordinal));

    public static IReadOnlyList<string> ExtractKeywords(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => (w.Length >= 4 || (w.Length >= 2 && w.Any(char.IsDigit))) && !StopWords.Contains(w))
            .Select((word, index) => (word, index))
            .GroupBy(x => x.word, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.First().index)
            .Select(g => g.Key)
            .Take(12)];

    /// <summary>The words of <paramref name="text"/> worth matching on (4+ letters, not stop words), lower case.</summary>
    public static IEnumerable<string> ContentWords(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 4 && !StopWords.Contains(w));

    /// <summary>A crude stem so that "outages" meets "outage" and "checked" meets "check".</summary>
    public static string Stem(string word)
    {
        var w = word.ToLowerInvariant();
        foreach (var suffix in new[] { "ing", "ies", "es", "ed", "s" })
        {
            if (w.Length - suffix.Length >= 4 && w.EndsWith(suffix, StringComparison.Ordinal))
            {
                w = w[..^suffix.Length];
                break;
            }
        }

        if (w.Length >= 5 && w.EndsWith('e'))
        {
            w = w[..^1];
        }

        return w.Length > 6 ? w[..6] : w;
    }

    private static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? string.Empty,
        var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions),
    };

    private static bool TryReadHits(string text, out List<(string Path, string Snippet)> hits)
    {
        hits = [];
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var hit in document.RootElement.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.Object))
            {
                var path = Field(hit, SourceFields);
                if (path is not null)
                {
                    hits.Add((path, Field(hit, ["snippet", "text", "summary", "content"]) ?? string.Empty));
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Field(JsonElement element, string[] names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && names.Any(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    private void ReadJson(string input, List<OfflineFact> facts)
    {
        var start = input.IndexOfAny(['{', '[']);
        while (start >= 0)
        {
            var end = input.LastIndexOf(input[start] == '{' ? '}' : ']');
            if (end > start)
            {
                try
                {
                    using var document = JsonDocument.Parse(input[start..(end + 1)]);
                    Walk(document.RootElement, null, facts);
                    return;
                }
                catch (JsonException)
                {
                    // Not JSON after all (prose with a brace); try the next one.
                }
            }

            start = input.IndexOfAny(['{', '['], start + 1);
        }
    }

    private void Walk(JsonElement element, string? name, List<OfflineFact> facts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var statement = Field(element, StatementFields);
                if (statement is not null)
                {
                    facts.Add(new OfflineFact(Clean(statement), Field(element, SourceFields) ?? "input"));
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && property.NameEquals("summary"))
                    {
                        Summary ??= Clean(property.Value.GetString() ?? string.Empty);
                    }
                    else if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Walk(property.Value, property.Name, facts);
                    }
                }

                break;
            case JsonValueKind.Array:
                var strings = element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => Clean(e.GetString() ?? string.Empty)).ToList();
                if (name is not null && strings.Count > 0)
                {
                    Lists[name] = strings;
                }

                foreach (var item in element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    Walk(item, name, facts);
                }

                break;
        }
    }

    private static IEnumerable<OfflineFact> SourcedLines(string input)
    {
        foreach (Match match in SourcedLine().Matches(input))
        {
            yield return new OfflineFact(Clean(match.Groups["text"].Value), match.Groups["source"].Value.Trim());
        }
    }

    private static IEnumerable<OfflineFact> Sentences(string text, string source)
    {
        foreach (var raw in SentenceBreak().Split(text))
        {
            var sentence = Clean(raw);
            // Headings and fragments ("Competitor pricing in Q3.") are not facts: a fact has five words or more.
            if (sentence.Length >= 20 && sentence.Length <= 400 && !sentence.StartsWith('{') && !sentence.StartsWith('[') &&
                sentence.Count(c => c == ' ') >= 4 && !raw.TrimStart().StartsWith('#'))
            {
                yield return new OfflineFact(sentence, source);
            }
        }
    }

    private static List<OfflineFact> Rank(List<OfflineFact> facts, IReadOnlyList<string> keywords)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stems = keywords.Select(Stem).ToList();
        return [.. facts
            .Where(f => f.Text.Length > 0 && seen.Add(f.Text))
            .Select((f, order) => (Fact: f, Order: order, Score: stems.Count(k => ContentWords(f.Text).Select(Stem).Contains(k)) + keywords.Count(k => k.Any(char.IsDigit) && f.Text.Contains(k, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Order)
            .Select(x => x.Fact)];
    }

    private static Dictionary<string, string> ReadLabels(string task)
    {
        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in LabelLine().Matches(task))
        {
            labels.TryAdd(match.Groups["label"].Value.Trim().ToLowerInvariant(), match.Groups["value"].Value.Trim());
        }

        return labels;
    }

    private static string StripLabels(string input) => LabelLine().Replace(input, m => m.Groups["label"].Value.Trim().ToLowerInvariant() is "from" or "to" ? string.Empty : m.Groups["value"].Value);

    private static string FirstLine(string task)
    {
        var line = task.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length <= 120 ? line : line[..117].TrimEnd() + "...";
    }

    public static string Clean(string raw)
    {
        var text = MarkdownNoise().Replace(raw, " ");
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length > 0 && !".!?".Contains(text[^1], StringComparison.Ordinal) ? text + "." : text;
    }

    [GeneratedRegex(@"https?://[^\s""'<>\]]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[\w.-]+(?:/[\w.-]+)+\.(?:md|txt|json|csv|html)\b")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^\s*(?:[#>*\-]+|\d+[.)])\s+|[*_`]+|\[offline model\]")]
    private static partial Regex MarkdownNoise();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[ \t]*[-*]?[ \t]*(?<text>[^\n]+?)\s*\(source:\s*(?<source>[^)\n]+)\)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SourcedLine();

    [GeneratedRegex(@"^[ \t]*(?<label>[A-Za-z][A-Za-z ]{0,30}?)[ \t]*:[ \t]*(?<value>\S[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex LabelLine();
}
