using System.Text.RegularExpressions;

namespace Baton.Agents;

/// <summary>
/// The arguments of the offline model's tool calls: the target it was asked to read (a path from a search result or
/// the input, a URL of the input), the topic's keywords for queries, the input's "Label: value" lines for parameters
/// of the same name (a ticket's subject for its title), an option a parameter's description lists chosen by what the
/// input says ("Low, Normal, High or Critical"), addresses from the input, and a marked summary for bodies.
/// </summary>
internal sealed partial class OfflineArgumentValues(OfflineSources sources, string? target, IReadOnlyDictionary<string, string> descriptions) : OfflineValues
{
    public override bool UseDefaults => true;

    public override string Text(string name, OfflineScope scope)
    {
        var key = name.ToLowerInvariant();
        if (target is not null && (OfflineTools.IsPathParameter(key) || OfflineTools.IsUrlParameter(key)))
        {
            return target;
        }

        if (OfflineTools.IsUrlParameter(key))
        {
            return sources.Urls.FirstOrDefault() ?? "https://example.com/";
        }

        if (key is "to" or "recipient" or "recipients" || Has(key, "email", "address"))
        {
            return sources.Emails.FirstOrDefault() ?? "team@example.com";
        }

        if (descriptions.TryGetValue(name, out var description) && Options(description) is { Count: > 1 } options)
        {
            var named = sources.Label(key);
            var pick = named is not null && options.FirstOrDefault(o => string.Equals(o, named, StringComparison.OrdinalIgnoreCase)) is { } exact
                ? exact
                : OfflineChoice.Choose(options, string.Empty, sources.Task).Value;
            return pick;
        }

        if (sources.Label(key) is { } labelled)
        {
            return labelled;
        }

        if (Has(key, "subject", "title", "heading"))
        {
            return sources.Label("subject", "title", "topic") ?? sources.Title;
        }

        if (OfflineTools.IsPathParameter(key))
        {
            var slug = sources.Keywords.Count == 0 ? "notes" : string.Join('-', sources.Keywords.Take(3));
            return $"offline/{slug}.md";
        }

        if (key is "body" or "content" or "text" or "message" or "summary" or "description" or "details")
        {
            var facts = sources.Facts.Where(f => f.Source == "input").Take(4).Select(f => f.Text).ToList();
            return $"{OfflineChatClient.Marker} {string.Join(' ', facts.Count == 0 ? sources.Facts.Take(4).Select(f => f.Text) : facts)}".TrimEnd();
        }

        // Queries, topics, keywords and anything else: the topic's keywords.
        return sources.Keywords.Count == 0 ? sources.Topic : string.Join(' ', sources.Keywords.Take(4));
    }

    public override OfflineChoice Choose(string name, IReadOnlyList<string> values, OfflineScope scope) =>
        OfflineChoice.Choose(values, string.Empty, sources.Task);

    public override double Number(string name, double? low, double? high, bool integer, OfflineScope scope)
    {
        var key = name.ToLowerInvariant();
        // A number the input states for the parameter ("Quantity: 4") is taken as it is, within the schema's range.
        if (sources.Label(key) is { } labelled &&
            double.TryParse(labelled, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var stated))
        {
            return Within(low, high, integer ? Math.Round(stated) : stated);
        }

        return Has(key, "top", "limit", "count", "max", "results") ? Within(low, high, 5) : Within(low, high, 1);
    }

    /// <summary>The options a description lists: "Low, Normal, High or Critical".</summary>
    private static List<string> Options(string description)
    {
        var match = OptionList().Match(description);
        return match.Success
            ? [.. OptionSplit().Split(match.Value).Select(o => o.Trim().Trim('.', '"', '\'')).Where(o => o.Length is > 0 and <= 30)]
            : [];
    }

    [GeneratedRegex(@"^\s*(?:one of:?\s*)?[\w-]+(?:\s*(?:,|\bor\b|\|)\s*[\w-]+){1,}\s*\.?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OptionList();

    [GeneratedRegex(@"\s*(?:,|\bor\b|\|)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex OptionSplit();
}
