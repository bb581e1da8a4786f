namespace Baton.Agents;

/// <summary>
/// The content of the offline model's structured answers, from its <see cref="OfflineSources"/>: arrays of objects get
/// one fact per item (statement and source), enums are chosen by <see cref="OfflineChoice"/> from the instructions and
/// the text, a confidence follows the margin of the choice beside it, a reason names the words that decided, lists of
/// risks and recommendations come from the facts that speak of them, and lists of issues or changes stay empty when
/// the verdict beside them is the first (approving) one. Summaries, titles and reasons carry the offline marker.
/// </summary>
internal sealed class OfflineAnswerValues(OfflineSources sources) : OfflineValues
{
    private static readonly string[] RiskCues = ["risk", "lost", "lose", "losing", "moved", "drop", "dropped", "cut", "raised", "decline", "churn", "pending", "delay", "outage", "fail", "fell", "threat", "down", "only"];

    private static readonly string[] PlanCues = ["plan", "planned", "should", "recommend", "next", "will", "pending", "propose", "consider"];

    private int _rotation;

    public override string Text(string name, OfflineScope scope)
    {
        var key = name.ToLowerInvariant();
        var fact = scope.Fact;
        if (Has(key, "reason", "rationale", "explanation", "why", "justification"))
        {
            var choices = scope.NearestChoices();
            return choices.Count == 0
                ? $"{OfflineChatClient.Marker} {Facts(1)}".TrimEnd()
                : $"{OfflineChatClient.Marker} {string.Join("; ", choices.Select(c => c.Choice.Explain(Pascal(c.Name))))}.";
        }

        if (Has(key, "summary", "overview", "approach", "conclusion", "abstract"))
        {
            var choices = scope.NearestChoices();
            var verdict = choices.Count == 0 ? string.Empty : string.Join("; ", choices.Select(c => c.Choice.Explain(Pascal(c.Name)))) + ". ";
            var documents = sources.FactSources.Count;
            var body = sources.Summary ?? (documents == 0 ? Facts(2) : $"{sources.Facts.Count(f => f.Source != "input")} facts from {documents} source(s). {Facts(2)}");
            return $"{OfflineChatClient.Marker} {verdict}{body}".TrimEnd();
        }

        if (Has(key, "source", "path", "document", "reference", "citation"))
        {
            return fact?.Source ?? sources.FactSources.FirstOrDefault() ?? "input";
        }

        if (Has(key, "url", "link"))
        {
            return sources.Urls.FirstOrDefault() ?? "https://example.com/offline";
        }

        if (Has(key, "location", "quote", "where", "excerpt"))
        {
            var text = fact?.Text ?? Next().Text;
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return "\"" + string.Join(' ', words.Take(8)).TrimEnd('.', ',') + (words.Length > 8 ? " ..." : string.Empty) + "\"";
        }

        if (Has(key, "fix", "remedy", "mitigation", "action"))
        {
            return $"Check this against its source and restate it precisely: {fact?.Text ?? Next().Text}";
        }

        if (Has(key, "title", "name", "subject", "heading", "headline"))
        {
            if (fact is not null && scope.ArrayName is not null)
            {
                var words = fact.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return string.Join(' ', words.Take(8)).TrimEnd('.', ',') + (words.Length > 8 ? " ..." : string.Empty);
            }

            return $"{OfflineChatClient.Marker} {sources.Title}";
        }

        if (scope.ArrayName is { } list && fact is not null && IsList(list, "recommend", "action", "next", "step"))
        {
            return $"Follow up on {Where(fact)}: {fact.Text}";
        }

        if (scope.ArrayName is { } changes && fact is not null && IsList(changes, "change", "issue", "problem", "concern", "blocker"))
        {
            var cues = scope.NearestChoices().SelectMany(c => c.Choice.Matched).ToList();
            return cues.Count == 0
                ? $"Revise: \"{fact.Text}\""
                : $"Revise \"{fact.Text}\" ({string.Join(", ", cues.Take(3))}).";
        }

        if (fact is not null)
        {
            return fact.Text;
        }

        return sources.Facts.Count == 0 ? $"{OfflineChatClient.Marker} {sources.Topic}".TrimEnd() : Next().Text;
    }

    public override OfflineChoice Choose(string name, IReadOnlyList<string> values, OfflineScope scope)
    {
        // An item's own enums (a finding's confidence, an issue's severity) judge the item's fact; the rest judge the task.
        var text = scope.Fact is { } fact && scope.ArrayName is not null ? fact.Text : sources.Task;
        var choice = OfflineChoice.Choose(values, sources.Instructions, text);
        scope.Add(name, choice);
        return choice;
    }

    public override double Number(string name, double? low, double? high, bool integer, OfflineScope scope)
    {
        var key = name.ToLowerInvariant();
        if (Has(key, "confidence", "certainty", "probability", "likelihood"))
        {
            var choices = scope.NearestChoices();
            var confidence = choices.Count == 0 ? (sources.Facts.Count == 0 ? 0.5 : 0.8) : choices[0].Choice.Confidence;
            var (l, h) = (low ?? 0, high ?? 1);
            return l + ((h - l) * confidence);
        }

        return Within(low, high, integer ? 1 : 1.5);
    }

    public override int Count(string name, bool objects, OfflineScope scope)
    {
        if (IsList(name, "change", "issue", "problem", "concern", "blocker") &&
            scope.NearestChoices() is { Count: > 0 } choices && choices[0].Choice.Index == 0)
        {
            return 0;
        }

        if (sources.Lists.TryGetValue(name, out var carried))
        {
            return Math.Min(carried.Count, 6);
        }

        // Arrays of objects get one item per fact, and at least two when there is anything to say (a plan has steps).
        var items = ItemsFor(name, objects).Count;
        return objects && items == 1 ? 2 : items;
    }

    public override OfflineScope Item(OfflineScope parent, string name, int index)
    {
        if (sources.Lists.TryGetValue(name, out var carried) && index < carried.Count)
        {
            return new OfflineScope(parent, new OfflineFact(carried[index], "input"), name, index);
        }

        var items = ItemsFor(name, objects: true);
        return new OfflineScope(parent, index < items.Count ? items[index] : null, name, index);
    }

    private List<OfflineFact> ItemsFor(string name, bool objects)
    {
        var facts = sources.Facts;
        if (IsList(name, "risk", "threat", "concern"))
        {
            return [.. facts.Where(f => Mentions(f.Text, RiskCues)).Take(3)];
        }

        if (IsList(name, "recommend", "action", "next", "step"))
        {
            var planned = facts.Where(f => Mentions(f.Text, PlanCues)).ToList();
            return [.. planned.Concat(facts.Except(planned)).Take(3)];
        }

        if (IsList(name, "change", "issue", "problem", "blocker"))
        {
            return [.. facts.Take(3)];
        }

        return [.. facts.Take(objects ? 6 : 3)];
    }

    private string Facts(int count) => string.Join(' ', sources.Facts.Take(count).Select(f => f.Text));

    private OfflineFact Next()
    {
        if (sources.Facts.Count == 0)
        {
            return new OfflineFact($"{OfflineChatClient.Marker} {sources.Topic}".TrimEnd(), "input");
        }

        var fact = sources.Facts[_rotation % sources.Facts.Count];
        _rotation++;
        return fact;
    }

    private static string Where(OfflineFact fact) => fact.Source == "input" ? "this point" : fact.Source;

    private static bool IsList(string name, params string[] parts) => Has(name.ToLowerInvariant(), parts);

    private static bool Mentions(string text, string[] cues) =>
        OfflineSources.ContentWords(text).Concat(text.ToLowerInvariant().Split(' ')).Any(w => cues.Contains(w.Trim('.', ',', ';'), StringComparer.Ordinal));

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
