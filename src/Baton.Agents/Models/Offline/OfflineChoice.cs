using System.Globalization;
using System.Text.RegularExpressions;

namespace Baton.Agents;

/// <summary>
/// The offline model's pick among named choices (an enum of a schema, the options of a tool parameter): each choice
/// scores three points per time the text names it, and one per word of what the instructions say about it ("Critical
/// for an outage, data loss ..." gives Critical the cues outage, data, loss) that the text contains; negated cues
/// ("no placeholders") do not count. With nothing matched it takes the choice the instructions describe as the
/// fallback ("anything else", "otherwise", "ordinary"), else the first. Instructions that ask for "the strictest"
/// take the last named choice. Deterministic.
/// </summary>
internal sealed partial class OfflineChoice
{
    private static readonly string[] FallbackCues = ["anything else", "otherwise", "ordinary", "usual", "default", "everything else"];

    private OfflineChoice(IReadOnlyList<string> values, int index, int best, int second, IReadOnlyList<string> matched, bool isFallback)
    {
        IsFallback = isFallback;
        Values = values;
        Index = index;
        Best = best;
        Second = second;
        Matched = matched;
    }

    public IReadOnlyList<string> Values { get; }

    public int Index { get; }

    public string Value => Values[Index];

    /// <summary>The winner's score.</summary>
    public int Best { get; }

    /// <summary>The runner-up's score.</summary>
    public int Second { get; }

    /// <summary>The words of the text that decided it.</summary>
    public IReadOnlyList<string> Matched { get; }

    /// <summary>True when nothing matched and the choice the instructions name as the catch-all was taken.</summary>
    public bool IsFallback { get; }

    /// <summary>
    /// How sure the pick is: 0.6 on a tie, 0.75 to 0.95 with a margin of one to three, 0.75 for the instructions'
    /// catch-all when nothing matched, 0.5 when nothing matched and there is no catch-all.
    /// </summary>
    public double Confidence => Best == 0 ? (IsFallback ? 0.75 : 0.5) : Math.Min(0.95, 0.6 + (0.15 * Math.Min(Best - Second, 3)));

    /// <summary>One sentence saying why: the value and the words that decided it.</summary>
    public string Explain(string what) => Matched.Count == 0
        ? $"{what} {Value} by default: nothing in the text matched another {what.ToLowerInvariant()}"
        : $"{what} {Value}: the text mentions {string.Join(", ", Matched.Take(5).Select(w => "'" + w + "'"))}";

    public static OfflineChoice Choose(IReadOnlyList<string> values, string instructions, string text)
    {
        var words = OfflineSources.ContentWords(text).ToList();
        var stems = words.GroupBy(OfflineSources.Stem, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var phrases = values.Select(Phrase).ToList();
        var scores = new int[values.Count];
        var matched = new List<string>[values.Count];
        var normalizedText = " " + NonWord().Replace(text.ToLowerInvariant(), " ") + " ";
        for (var i = 0; i < values.Count; i++)
        {
            matched[i] = [];
            var mentions = phrases[i].Length == 0 ? 0 : Regex.Count(normalizedText, $"(?<= ){Regex.Escape(phrases[i])}s?(?= )");
            scores[i] = 3 * mentions;
            if (mentions > 0)
            {
                matched[i].Add(phrases[i]);
            }

            foreach (var cue in Cues(instructions, phrases[i], phrases).Distinct(StringComparer.Ordinal))
            {
                if (stems.TryGetValue(cue, out var word) && !matched[i].Contains(word, StringComparer.Ordinal))
                {
                    scores[i]++;
                    matched[i].Add(word);
                }
            }
        }

        int pick;
        var fallback = false;
        if (scores.All(s => s == 0))
        {
            pick = Fallback(instructions, phrases);
            fallback = pick >= 0;
            pick = Math.Max(pick, 0);
        }
        else if (Strictest().IsMatch(instructions))
        {
            pick = Array.FindLastIndex(scores, s => s > 0);
        }
        else
        {
            pick = Array.IndexOf(scores, scores.Max());
        }

        var second = scores.Where((_, i) => i != pick).DefaultIfEmpty(0).Max();
        return new OfflineChoice(values, pick, scores[pick], second, matched[pick], fallback);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value} ({Best}:{Second})");

    /// <summary>"ApproveWithChanges" and "approve_with_changes" read as "approve with changes".</summary>
    private static string Phrase(string value) =>
        NonWord().Replace(CamelBoundary().Replace(value, " ").ToLowerInvariant(), " ").Trim();

    /// <summary>The stems of what the instructions say right after naming the value, up to the clause's end.</summary>
    private static IEnumerable<string> Cues(string instructions, string phrase, IReadOnlyList<string> allPhrases)
    {
        if (phrase.Length == 0 || instructions.Length == 0)
        {
            yield break;
        }

        var lower = " " + NonWordKeepPunctuation().Replace(CamelBoundary().Replace(instructions, " ").ToLowerInvariant(), " ") + " ";
        foreach (Match match in Regex.Matches(lower, $@"(?<=[\s(\-""'*]){Regex.Escape(phrase)}(?=[\s:,;.)(""'*])"))
        {
            var clause = Clause(lower[(match.Index + match.Length)..], phrase, allPhrases);
            var tokens = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var t = 0; t < tokens.Length; t++)
            {
                var token = tokens[t].Trim('(', ')', ',', ':', '"', '\'', '*');
                if (token.Length < 4 || OfflineSources.ContentWords(token).FirstOrDefault() is not { } word || allPhrases.Contains(word, StringComparer.Ordinal))
                {
                    continue;
                }

                var negated = tokens.Skip(Math.Max(0, t - 2)).Take(Math.Min(2, t)).Any(p => p.Trim('(', ',') is "no" or "not" or "without" or "never" or "nothing");
                if (!negated)
                {
                    yield return OfflineSources.Stem(word);
                }
            }
        }
    }

    private static int Fallback(string instructions, List<string> phrases)
    {
        var lower = CamelBoundary().Replace(instructions, " ").ToLowerInvariant();
        for (var i = 0; i < phrases.Count; i++)
        {
            var at = phrases[i].Length == 0 ? -1 : lower.IndexOf(phrases[i], StringComparison.Ordinal);
            if (at >= 0)
            {
                var clause = Clause(lower[(at + phrases[i].Length)..], phrases[i], phrases);
                if (FallbackCues.Any(c => clause.Contains(c, StringComparison.Ordinal)))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>What follows a value's name up to the clause's end or the next value's name.</summary>
    private static string Clause(string rest, string phrase, IReadOnlyList<string> allPhrases)
    {
        var end = ClauseEnd().Match(rest);
        var length = end.Success ? end.Index : rest.Length;
        foreach (var other in allPhrases.Where(p => p.Length > 0 && p != phrase))
        {
            var next = Regex.Match(rest, $@"(?<=[\s(\-""'*]){Regex.Escape(other)}(?=[\s:,;.)(""'*])");
            if (next.Success && next.Index < length)
            {
                length = next.Index;
            }
        }

        return rest[..length];
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"[^a-z0-9\s:,;.()""'*\-]+")]
    private static partial Regex NonWordKeepPunctuation();

    [GeneratedRegex(@"(?<=[a-z])(?=[A-Z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@";|\.\s|\n\s*-\s|\n\s*\n")]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"\bstrictest\b|\bmost severe\b", RegexOptions.IgnoreCase)]
    private static partial Regex Strictest();
}
