using System.Text;
using System.Text.RegularExpressions;

namespace Baton.Agents;

/// <summary>
/// The offline model's free-text answers, shaped by the role its instructions describe and made only of what it was
/// given: a researcher lists the facts of the documents it read with their paths and says what they do not cover; a
/// writer turns findings into a markdown report with sections (and notes what a revision addressed); a support
/// specialist writes internal notes; a reply to a customer greets them and passes on the ticket; a classifier names
/// a label; a summarizer, a reviewer and anything else answer with the facts. Every answer starts with the marker.
/// </summary>
internal static partial class OfflineComposer
{
    private const int MaxPoints = 6;

    public static string Compose(OfflineSources sources)
    {
        var role = sources.Instructions.ToLowerInvariant();
        var text = true switch
        {
            _ when Has(role, "repl") && Has(role, "customer") => Reply(sources),
            _ when Has(role, "research", "investigat") => Research(sources),
            _ when Has(role, "support specialist", "internal notes") => Notes(sources),
            _ when Has(role, "classif", "categor", "triage", "label") && Labels(sources.Instructions) is { Count: > 0 } labels =>
                $"{OfflineChatClient.Marker} {OfflineChoice.Choose(labels, sources.Instructions, sources.Task).Value}",
            _ when Has(role, "review", "critique") && !Has(role, "writer") => Review(sources),
            _ when Has(role, "writ", "report", "draft", "edit") => Report(sources),
            _ when Has(role, "summar") => $"{OfflineChatClient.Marker} Summary: {Sentences(sources, 3)}",
            _ => General(sources),
        };
        return text.TrimEnd();
    }

    private static string Research(OfflineSources sources)
    {
        var builder = new StringBuilder();
        builder.Append(OfflineChatClient.Marker).Append(" Research notes on ").Append(sources.Topic.TrimEnd('.')).AppendLine(".").AppendLine();
        // Material given in the request counts when no tool was used; once the agent searched, only documents do.
        var documented = sources.Facts.Where(f => f.Source != "input" || (!sources.Searched && sources.ReadTargets.Count == 0)).Take(MaxPoints).ToList();
        if (documented.Count == 0)
        {
            builder.AppendLine("Findings:");
            builder.Append("- No source document matched ").Append(Quoted(sources.Keywords)).AppendLine("; there is nothing to report from the sources.");
            return builder.ToString();
        }

        builder.AppendLine("Findings:");
        foreach (var fact in documented)
        {
            builder.Append("- ").Append(fact.Text).Append(" (source: ").Append(fact.Source).AppendLine(")");
        }

        var missing = sources.Keywords.Where(k => !sources.Facts.Any(f => f.Text.Contains(k, StringComparison.OrdinalIgnoreCase))).Take(4).ToList();
        builder.AppendLine().AppendLine("Open questions:");
        builder.Append("- ").Append(sources.FactSources.Count == 0 ? "The material given" : $"The documents read ({string.Join(", ", sources.FactSources)})").Append(' ')
            .Append(missing.Count == 0 ? "cover every term of the topic; none of them was checked against newer material." : "do not mention " + Quoted(missing) + ".")
            .AppendLine();
        return builder.ToString();
    }

    private static string Report(OfflineSources sources)
    {
        var builder = new StringBuilder();
        builder.AppendLine(OfflineChatClient.Marker).AppendLine();
        builder.Append("# ").AppendLine(sources.Title).AppendLine();
        var points = sources.Facts.Take(8).ToList();
        builder.AppendLine("## Summary").AppendLine();
        builder.AppendLine(sources.Summary ?? (points.Count == 0 ? "The input held no facts to report." : string.Join(' ', points.Take(3).Select(p => p.Text)))).AppendLine();
        builder.AppendLine("## Key points").AppendLine();
        if (points.Count == 0)
        {
            builder.AppendLine("- No findings were given.");
        }

        foreach (var point in points)
        {
            builder.Append("- ").Append(point.Text);
            if (point.Source != "input")
            {
                builder.Append(" (").Append(point.Source).Append(')');
            }

            builder.AppendLine();
        }

        AppendList(builder, "Risks", sources, "risks");
        AppendList(builder, "Recommendations", sources, "recommendations", "actions", "nextSteps");
        if (sources.FactSources.Count > 0)
        {
            builder.AppendLine().AppendLine("## Sources").AppendLine();
            foreach (var source in sources.FactSources)
            {
                builder.Append("- ").AppendLine(source);
            }
        }

        if (Comment().Match(sources.Task) is { Success: true } comment)
        {
            builder.AppendLine().AppendLine("## Revision").AppendLine();
            builder.Append("- Revised for ").Append(comment.Groups["who"].Value.Trim()).Append(": ").AppendLine(comment.Groups["text"].Value.Trim());
        }

        return builder.ToString();
    }

    private static string Notes(OfflineSources sources)
    {
        var builder = new StringBuilder();
        builder.Append(OfflineChatClient.Marker).AppendLine(" Internal notes").AppendLine();
        var request = sources.Facts.Where(f => f.Source == "input").Select(f => f.Text).ToList();
        builder.Append("- Need: ").AppendLine(sources.Label("subject") is { } subject ? subject.TrimEnd('.') + "." : request.FirstOrDefault() ?? sources.Topic);
        foreach (var line in request.Take(3))
        {
            builder.Append("- The customer says: ").AppendLine(line);
        }

        foreach (var fact in sources.Facts.Where(f => f.Source != "input").Take(3))
        {
            builder.Append("- Known: ").Append(fact.Text).Append(" (").Append(fact.Source).AppendLine(")");
        }

        foreach (var hit in sources.SearchHits.Take(3))
        {
            builder.Append("- Knowledge base: see ").AppendLine(hit);
        }

        if (sources.Searched && sources.SearchHits.Count == 0)
        {
            builder.Append("- Knowledge base: nothing matched ").Append(Quoted(sources.Keywords.Take(4))).AppendLine(".");
        }

        builder.AppendLine("- To check by a person: confirm the details above with the customer's account before answering.");
        return builder.ToString();
    }

    private static string Reply(OfflineSources sources)
    {
        var who = sources.Label("from") is { } from ? Name(from) : null;
        var subject = sources.Label("subject");
        var ticket = TicketLine().Match(sources.Task);
        var builder = new StringBuilder();
        builder.Append(OfflineChatClient.Marker).Append(' ').Append(who is null ? "Hello," : $"Hello {who},").AppendLine().AppendLine();
        builder.Append("Thank you for writing to us").Append(subject is null ? "." : $" about \"{subject.TrimEnd('.')}\".").Append(' ');
        builder.Append(ticket.Success
            ? ticket.Value.Trim()
            : "We have looked at your request and a member of the team will reply with the details.");
        builder.AppendLine().AppendLine().Append("Kind regards,").AppendLine().Append("The support team");
        return builder.ToString();
    }

    private static string Review(OfflineSources sources)
    {
        var builder = new StringBuilder();
        builder.Append(OfflineChatClient.Marker).AppendLine(" Review").AppendLine();
        builder.AppendLine("Points checked:");
        foreach (var fact in sources.Facts.Take(3))
        {
            builder.Append("- ").AppendLine(fact.Text);
        }

        return builder.ToString();
    }

    private static string General(OfflineSources sources)
    {
        var builder = new StringBuilder();
        builder.Append(OfflineChatClient.Marker);
        if (sources.ToolOutcomes.Count > 0)
        {
            builder.Append(' ').Append(sources.Topic.TrimEnd('.')).Append(':');
            foreach (var (tool, result) in sources.ToolOutcomes)
            {
                builder.Append(' ').Append(tool).Append(" answered ").Append(result.Length <= 300 ? result : result[..297] + "...").Append('.');
            }

            return builder.ToString();
        }

        builder.AppendLine().AppendLine();
        foreach (var fact in sources.Facts.Take(4))
        {
            builder.Append("- ").AppendLine(fact.Text);
        }

        return builder.ToString();
    }

    private static void AppendList(StringBuilder builder, string heading, OfflineSources sources, params string[] names)
    {
        var items = names.Select(n => sources.Lists.TryGetValue(n, out var l) ? l : null).FirstOrDefault(l => l is { Count: > 0 });
        if (items is null)
        {
            return;
        }

        builder.AppendLine().Append("## ").AppendLine(heading).AppendLine();
        foreach (var item in items)
        {
            builder.Append("- ").AppendLine(item);
        }
    }

    private static string Sentences(OfflineSources sources, int count) =>
        sources.Facts.Count == 0 ? "there was nothing to summarize." : string.Join(' ', sources.Facts.Take(count).Select(f => f.Text));

    private static string Quoted(IEnumerable<string> words) => string.Join(", ", words.Select(w => "'" + w + "'"));

    private static string Name(string from)
    {
        var name = from.Split('<')[0].Trim().Trim('"');
        if (name.Contains('@', StringComparison.Ordinal))
        {
            return name.Split('@')[0];
        }

        return name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
    }

    private static bool Has(string text, params string[] parts) => parts.Any(p => text.Contains(p, StringComparison.Ordinal));

    private static List<string> Labels(string instructions)
    {
        var match = LabelList().Match(instructions);
        return match.Success
            ? [.. LabelSplit().Split(match.Groups["labels"].Value).Select(l => l.Trim().Trim('"', '\'', '`', '.', ' ')).Where(l => l.Length is > 0 and <= 40)]
            : [];
    }

    [GeneratedRegex(@"(?:one of|among|labels?|categories|classes)\s*[:\-]?\s*(?<labels>[^\n.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex LabelList();

    [GeneratedRegex(@"\s*(?:,|\||/|\bor\b)\s*")]
    private static partial Regex LabelSplit();

    [GeneratedRegex(@"Comments? from (?<who>[^:\n]+):\s*\n?(?<text>[^\n]+)")]
    private static partial Regex Comment();

    [GeneratedRegex(@"Ticket [A-Z]+-[A-Z0-9]+ was opened[^\n]*")]
    private static partial Regex TicketLine();
}
