using System.Text.Json.Nodes;

namespace Baton.Approvals;

/// <summary>Builds the Teams message: an Adaptive Card with the request's title, facts, excerpt and Approve / Reject buttons.</summary>
public static class TeamsApprovalCard
{
    /// <summary>The attachment content type Teams expects for Adaptive Cards.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>
    /// The webhook message for one approver. Both buttons open that approver's link (with <c>decision=approve</c> or
    /// <c>decision=reject</c> in the query to preselect); the decision itself is only recorded by the page's POST.
    /// </summary>
    public static JsonObject Create(ApprovalMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = ApprovalContent.Subject(message),
                ["weight"] = "Bolder",
                ["size"] = "Medium",
                ["wrap"] = true,
            },
        };
        if (ApprovalContent.KindLine(message) is { } kind)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = kind, ["isSubtle"] = true, ["wrap"] = true });
        }

        var facts = new JsonArray();
        foreach (var fact in ApprovalContent.Facts(message))
        {
            facts.Add(new JsonObject { ["title"] = fact.Key, ["value"] = fact.Value });
        }

        body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        if (ApprovalContent.Excerpt(message.Request) is { } excerpt)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = excerpt, ["wrap"] = true, ["fontType"] = "Monospace" });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
            ["actions"] = new JsonArray
            {
                OpenUrl("Approve", WithDecision(message.Link, "approve")),
                OpenUrl("Reject", WithDecision(message.Link, "reject")),
            },
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = ContentType, ["contentUrl"] = null, ["content"] = card },
            },
        };
    }

    private static JsonObject OpenUrl(string title, Uri url) =>
        new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url.AbsoluteUri };

    private static Uri WithDecision(Uri link, string decision) =>
        new UriBuilder(link) { Query = "decision=" + decision }.Uri;
}
