using System.Globalization;
using System.Net;
using System.Text;
using Baton.Agents;
using Baton.Approvals;

namespace Baton.Http;

/// <summary>
/// Server-side HTML of the approval pages, self-contained (inline style, no scripts, no external assets), so it works
/// from any mail client and in locked-down networks. Every value is HTML-encoded.
/// </summary>
public static class ApprovalPage
{
    /// <summary>
    /// The page that asks for a decision, from the ledger's record: Approve / Reject, a comment box, the anti-forgery
    /// field, and where the record allows edits, the draft (or the tool call's arguments) in an editable box.
    /// </summary>
    public static string Ask(ApprovalTokenClaims claims, ApprovalRecord record, string? workflow, string? step, string antiforgeryField)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(record);
        var body = new StringBuilder();
        body.Append("<h1>Approval requested</h1>");
        body.Append("<p class=\"lead\">").Append(E(record.Title)).Append("</p>");
        body.Append("<table>");
        Row(body, "Workflow", workflow ?? record.Workflow);
        Row(body, "Run", claims.InstanceId);
        Row(body, "Step", step);
        Row(body, "Kind", record.Kind);
        Row(body, "Asked by", record.AgentName is null ? workflow ?? record.Workflow : $"agent {record.AgentName}");
        Row(body, "Asked at", Time(record.RequestedAt));
        Row(body, "Valid until", Time(claims.ExpiresAt.UtcDateTime < record.ExpiresAt ? claims.ExpiresAt.UtcDateTime : record.ExpiresAt));
        Row(body, "Approvers", string.Join(", ", record.Deciders));
        Row(body, "Your name", claims.Approver);
        body.Append("</table>");
        var editsArguments = record.AllowEdits && record.ToolName is not null;
        var editsDetails = record.AllowEdits && record.ToolName is null;
        if (record.ToolName is not null)
        {
            body.Append("<h2>Tool call</h2><p><code>").Append(E(record.ToolName)).Append("</code></p>");
            if (record.ArgumentsJson is not null && !editsArguments)
            {
                body.Append("<pre class=\"args\">").Append(E(record.ArgumentsJson)).Append("</pre>");
            }
        }

        if (!string.IsNullOrWhiteSpace(record.Details) && !editsDetails)
        {
            body.Append("<h2>What is asked</h2><pre class=\"details\" id=\"details\">").Append(E(record.Details)).Append("</pre>");
        }

        body.Append("<form method=\"post\">");
        body.Append("<input type=\"hidden\" name=\"").Append(ApprovalAntiforgery.FieldName).Append("\" value=\"").Append(E(antiforgeryField)).Append("\">");
        if (editsDetails || editsArguments)
        {
            body.Append("<h2>").Append(editsArguments ? "Arguments (you may edit them before approving)" : "What is asked (you may edit it before approving)").Append("</h2>");
            body.Append("<textarea id=\"edited\" name=\"edited\" rows=\"16\" class=\"edit\">")
                .Append(E(editsArguments ? record.ArgumentsJson : record.Details)).Append("</textarea>");
        }

        body.Append("<label for=\"comment\">Comment (optional; on a rejection it goes back to the author)</label>");
        body.Append("<textarea id=\"comment\" name=\"comment\" rows=\"4\"></textarea>");
        body.Append("<div class=\"buttons\">");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"approve\" class=\"approve\">Approve</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"reject\">Reject</button>");
        body.Append("</div></form>");
        return Document("Approval requested: " + record.Title, body.ToString());
    }

    /// <summary>The page after a decision was recorded.</summary>
    public static string Recorded(bool approved, string approver, string? comment, DateTime decidedAt, bool edited = false)
    {
        var body = new StringBuilder();
        body.Append("<h1 id=\"outcome\">").Append(approved ? "Approved" : "Rejected").Append("</h1>");
        body.Append("<p class=\"lead\">Thank you. Your decision was recorded by ").Append(E(approver)).Append(" at ").Append(E(Time(decidedAt))).Append(".</p>");
        if (edited)
        {
            body.Append("<p id=\"edited-note\">Your edits are part of the decision; the workflow goes on with your version.</p>");
        }

        if (!string.IsNullOrWhiteSpace(comment))
        {
            body.Append("<p>Comment: ").Append(E(comment)).Append("</p>");
        }

        body.Append("<p>You can close this page.</p>");
        return Document(approved ? "Approved" : "Rejected", body.ToString());
    }

    /// <summary>A page that says why nothing was recorded.</summary>
    public static string Refused(string title, string message)
    {
        var body = $"<h1 id=\"outcome\" class=\"error\">{E(title)}</h1><p class=\"lead\">{E(message)}</p><p>Nothing was recorded.</p>";
        return Document(title, body);
    }

    private static void Row(StringBuilder body, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            body.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        }
    }

    private static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<meta name=\"robots\" content=\"noindex\"><title>" + E(title) + " - Baton</title><style>" +
        "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}" +
        "h1{font-size:1.6rem}h1.error{color:#a4262c}.lead{font-size:1.1rem}table{border-collapse:collapse;margin:1rem 0}" +
        "th{text-align:left;padding:.25rem 1rem .25rem 0;color:#555;font-weight:600}td{padding:.25rem 0}" +
        "pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem;border-radius:4px;max-height:28rem;overflow:auto}" +
        "textarea{width:100%;box-sizing:border-box;margin:.5rem 0 1rem}textarea.edit{font-family:ui-monospace,monospace}label{display:block;margin-top:1rem}" +
        "button{font-size:1rem;padding:.6rem 1.4rem;margin-right:.75rem;border:0;border-radius:4px;color:#fff;cursor:pointer}" +
        ".approve{background:#107c10}.reject{background:#a4262c}" +
        "</style></head><body>" + body + "</body></html>";
}
