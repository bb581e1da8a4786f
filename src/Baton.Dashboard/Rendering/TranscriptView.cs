using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Baton.Dashboard;

/// <summary>
/// A conversation among agents (a group chat's transcript) as speakers and their messages, markdown rendered safely:
/// found in a run's output as an array of objects that each have a speaker (<c>speaker</c>, <c>agent</c> or
/// <c>author</c>) and a text (<c>message</c>, <c>text</c> or <c>content</c>), such as <c>GroupChatOutput.Transcript</c>.
/// </summary>
internal static class TranscriptView
{
    private static readonly string[] SpeakerNames = ["speaker", "agent", "author", "agentName"];
    private static readonly string[] TextNames = ["message", "text", "content"];

    public static string? Render(string? serializedOutput)
    {
        if (Find(JsonPayload.Parse(serializedOutput)) is not { } turns)
        {
            return null;
        }

        var speakers = turns.Select(t => t.Speaker).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var html = new StringBuilder("<section class=\"card\" id=\"transcript\"><h2>Transcript <span class=\"muted small\">")
            .Append(turns.Count.ToString(CultureInfo.InvariantCulture)).Append(" messages · ").Append(Html.E(string.Join(", ", speakers))).Append("</span></h2><ol class=\"transcript\">");
        foreach (var (round, speaker, text) in turns)
        {
            var color = speakers.FindIndex(s => string.Equals(s, speaker, StringComparison.OrdinalIgnoreCase)) % 6;
            html.Append("<li class=\"turn c").Append(color.ToString(CultureInfo.InvariantCulture)).Append("\" data-speaker=\"").Append(Html.E(speaker)).Append("\"><div class=\"speaker\">")
                .Append(Html.E(speaker));
            if (round is { } r)
            {
                html.Append(" <span class=\"muted small\">round ").Append(r.ToString(CultureInfo.InvariantCulture)).Append("</span>");
            }

            html.Append("</div><div class=\"md\">").Append(MarkdownText.ToHtml(text)).Append("</div></li>");
        }

        return html.Append("</ol></section>").ToString();
    }

    private static List<(int? Round, string Speaker, string Text)>? Find(JsonElement? output)
    {
        if (output is not { } root)
        {
            return null;
        }

        var candidates = root.ValueKind == JsonValueKind.Array
            ? [root]
            : root.ValueKind == JsonValueKind.Object ? root.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Array).ToList() : [];
        foreach (var array in candidates)
        {
            var turns = new List<(int?, string, string)>();
            foreach (var item in array.EnumerateArray())
            {
                JsonElement? element = item;
                var speaker = SpeakerNames.Select(n => element.String(n)).FirstOrDefault(v => v is not null);
                var text = TextNames.Select(n => element.String(n)).FirstOrDefault(v => v is not null);
                if (speaker is null || text is null)
                {
                    turns.Clear();
                    break;
                }

                turns.Add((element.Int("round"), speaker, text));
            }

            if (turns.Count > 0)
            {
                return turns;
            }
        }

        return null;
    }
}
