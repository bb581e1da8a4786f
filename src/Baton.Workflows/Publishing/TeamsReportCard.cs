using System.Text.Json.Nodes;

namespace Baton.Workflows;

/// <summary>
/// Builds the Teams message for a published report: an Adaptive Card with the title, an excerpt, the location and path,
/// who approved and requested it, and an "Open report" button when the report has a public link.
/// </summary>
public static class TeamsReportCard
{
    /// <summary>The attachment content type Teams expects for Adaptive Cards.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The webhook message. Without <paramref name="reportUrl"/> the card has no action and the location is text.</summary>
    public static JsonObject Create(ReportAnnouncement announcement, Uri? reportUrl)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = "Report published: " + announcement.Title,
                ["weight"] = "Bolder",
                ["size"] = "Medium",
                ["wrap"] = true,
            },
        };
        if (announcement.Summary.Length > 0)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = announcement.Summary, ["wrap"] = true });
        }

        var facts = new JsonArray
        {
            Fact("Location", announcement.Location),
            Fact("Report path", announcement.Path),
            Fact("Run", announcement.InstanceId),
        };
        if (!string.IsNullOrWhiteSpace(announcement.RequestedBy))
        {
            facts.Add(Fact("Requested by", announcement.RequestedBy));
        }

        if (!string.IsNullOrWhiteSpace(announcement.ApprovedBy))
        {
            facts.Add(Fact("Approved by", announcement.ApprovedBy));
        }

        body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (reportUrl is not null)
        {
            card["actions"] = new JsonArray
            {
                new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open report", ["url"] = reportUrl.AbsoluteUri },
            };
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["summary"] = "Report published: " + announcement.Title,
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = ContentType, ["contentUrl"] = null, ["content"] = card },
            },
        };
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
