using System.Text.RegularExpressions;

namespace Baton.Agents;

/// <summary>
/// What the offline model knows of a conversation: the task, the material it was given (input and tool results),
/// its keywords, sentences ranked by how well they match the task, and any URLs or email addresses. Deterministic.
/// </summary>
internal sealed partial class OfflineSources
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "above", "after", "again", "also", "among", "another", "because", "been", "before", "being", "below",
        "between", "both", "could", "does", "doing", "down", "each", "either", "every", "from", "further", "have",
        "having", "here", "however", "into", "itself", "just", "like", "made", "make", "many", "more", "most", "much",
        "must", "never", "only", "other", "over", "please", "same", "should", "since", "some", "such", "than", "that",
        "their", "them", "then", "there", "these", "they", "this", "those", "through", "under", "until", "very", "want",
        "were", "what", "when", "where", "which", "while", "will", "with", "within", "would", "your", "yours", "offline",
        "model", "write", "using", "based", "give", "list", "provide", "following", "return", "answer",
    };

    public OfflineSources(string task, IReadOnlyList<(string Label, string Text)> material)
    {
        Task = task.Trim();
        Material = material;
        Keywords = ExtractKeywords(Task.Length > 0 ? Task : string.Join(' ', material.Select(m => m.Text)));
        var all = material.Select(m => m.Text).Append(Task).ToList();
        Urls = [.. all.SelectMany(t => UrlPattern().Matches(t).Select(m => m.Value.TrimEnd('.', ',', ')'))).Distinct(StringComparer.Ordinal)];
        Emails = [.. all.SelectMany(t => EmailPattern().Matches(t).Select(m => m.Value)).Distinct(StringComparer.OrdinalIgnoreCase)];
        Sentences = RankSentences(material, Keywords);
    }

    public string Task { get; }

    public IReadOnlyList<(string Label, string Text)> Material { get; }

    public IReadOnlyList<string> Keywords { get; }

    public IReadOnlyList<string> Urls { get; }

    public IReadOnlyList<string> Emails { get; }

    /// <summary>Sentences from the material, best match first, each with where it came from.</summary>
    public IReadOnlyList<(string Sentence, string Label)> Sentences { get; }

    public string Title
    {
        get
        {
            var words = Keywords.Take(5).Select(w => char.ToUpperInvariant(w[0]) + w[1..]).ToList();
            return words.Count == 0 ? "Offline Draft" : string.Join(' ', words);
        }
    }

    /// <summary>
    /// The index of the choice the task names most often (whole words, any case, '_' and '-' read as spaces); the
    /// first on a tie or when none is named. So a ticket that speaks of its billing is classified as Billing.
    /// </summary>
    public int MostMentioned(IReadOnlyList<string> choices)
    {
        var text = " " + NonWord().Replace(Task.ToLowerInvariant(), " ") + " ";
        var best = 0;
        var bestCount = 0;
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = NonWord().Replace(choices[i].ToLowerInvariant(), " ").Trim();
            var count = choice.Length == 0 ? 0 : Regex.Count(text, $"(?<= ){Regex.Escape(choice)}s?(?= )");
            if (count > bestCount)
            {
                (best, bestCount) = (i, count);
            }
        }

        return best;
    }

    public string ShortTask => Task.Length <= 120 ? Task : Task[..117].TrimEnd() + "...";

    public static IReadOnlyList<string> ExtractKeywords(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => w.Length >= 4 && !StopWords.Contains(w))
            .Select((word, index) => (word, index))
            .GroupBy(x => x.word, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.First().index)
            .Select(g => g.Key)
            .Take(12)];

    private static List<(string Sentence, string Label)> RankSentences(IReadOnlyList<(string Label, string Text)> material, IReadOnlyList<string> keywords)
    {
        var candidates = new List<(string Sentence, string Label, int Score, int Order)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (label, text) in material)
        {
            foreach (var raw in SentenceBreak().Split(text))
            {
                var sentence = Clean(raw);
                if (sentence.Length < 20 || sentence.Length > 400 || !seen.Add(sentence))
                {
                    continue;
                }

                var lower = sentence.ToLowerInvariant();
                var score = keywords.Count(k => lower.Contains(k, StringComparison.Ordinal));
                candidates.Add((sentence, label, score, candidates.Count));
            }
        }

        return [.. candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Order).Select(c => (c.Sentence, c.Label))];
    }

    private static string Clean(string raw)
    {
        var text = MarkdownNoise().Replace(raw, " ");
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length > 0 && !".!?".Contains(text[^1], StringComparison.Ordinal) ? text + "." : text;
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"https?://[^\s""'<>\]]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[\p{L}][\p{L}\p{N}-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^[#>*\-\s\d.]+|[*_`]+|\[offline model\]")]
    private static partial Regex MarkdownNoise();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
