using System.Text;

namespace Baton.Workflows;

/// <summary>What is said about a published report.</summary>
/// <param name="InstanceId">The run that produced the report.</param>
/// <param name="Title">The report's title.</param>
/// <param name="Summary">A short plain excerpt of the report (see <see cref="Summarize"/>).</param>
/// <param name="Location">The store's name and the document path, as returned by the activity.</param>
/// <param name="Path">The document path within the reports store; the same on every attempt, so repeats are recognisable.</param>
/// <param name="ApprovedBy">Who approved the report (or the timeout default).</param>
/// <param name="RequestedBy">Who asked for the report, when known.</param>
public sealed record ReportAnnouncement(
    string InstanceId,
    string Title,
    string Summary,
    string Location,
    string Path,
    string? ApprovedBy = null,
    string? RequestedBy = null)
{
    /// <summary>The longest summary <see cref="Summarize"/> returns, in characters.</summary>
    public const int MaxSummaryLength = 500;

    /// <summary>
    /// The report's opening prose: its first paragraphs, skipping headings, joined and cut at a word boundary to at most
    /// <see cref="MaxSummaryLength"/> characters (with an ellipsis when cut). Empty when the report has no prose.
    /// </summary>
    public static string Summarize(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var builder = new StringBuilder();
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("---", StringComparison.Ordinal))
            {
                if (builder.Length > 0 && line.Length == 0 && builder.Length >= MaxSummaryLength / 2)
                {
                    break;
                }

                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(line);
            if (builder.Length > MaxSummaryLength)
            {
                break;
            }
        }

        var text = builder.ToString();
        if (text.Length <= MaxSummaryLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxSummaryLength - 1);
        return text[..(cut > MaxSummaryLength / 2 ? cut : MaxSummaryLength - 1)].TrimEnd() + "…";
    }
}
