using System.Globalization;
using System.Net;
using System.Text;
using Baton.Approvals;

namespace Baton.Http;

/// <summary>
/// Server-side HTML of the approval pages, self-contained (inline style, no scripts, no external assets), so it works
/// from any mail client and in locked-down networks. Every value is HTML-encoded.
/// </summary>
public static class ApprovalPage
{
    /// <summary>The page that asks for a decision, with Approve / Reject, a comment box and the anti-forgery field.</summary>
    public static string Ask(ApprovalTokenClaims claims, ApprovalSituation situation, string antiforgeryField)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(situation);
        var request = situation.Request!;
        var body = new StringBuilder();
        body.Append("<h1>Approval requested</h1>");
        body.Append("<p class=\"lead\">").Append(E(request.Title)).Append("</p>");
        body.Append("<table>");
        Row(body, "Workflow", situation.Instance?.Name);
        Row(body, "Run", claims.InstanceId);
        Row(body, "Step", situation.Step);
        Row(body, "Kind", request.Kind);
        Row(body, "Asked by", request.AgentName is null ? situation.Instance?.Name : $"agent {request.AgentName}");
        Row(body, "Asked at", Time(request.RequestedAt));
        Row(body, "Valid until", Time(claims.ExpiresAt.UtcDateTime < request.ExpiresAt ? claims.ExpiresAt.UtcDateTime : request.ExpiresAt));
        Row(body, "Your name", claims.Approver);
        body.Append("</table>");
        if (request.ToolName is not null)
        {
            body.Append("<h2>Tool call</h2><p><code>").Append(E(request.ToolName)).Append("</code></p>");
            if (request.ArgumentsJson is not null)
            {
                body.Append("<pre class=\"args\">").Append(E(request.ArgumentsJson)).Append("</pre>");
            }
        }

        if (!string.IsNullOrWhiteSpace(request.Details))
        {
            body.Append("<h2>What is asked</h2><pre class=\"details\" id=\"details\">").Append(E(request.Details)).Append("</pre>");
        }

        body.Append("<form method=\"post\">");
        body.Append("<input type=\"hidden\" name=\"").Append(ApprovalAntiforgery.FieldName).Append("\" value=\"").Append(E(antiforgeryField)).Append("\">");
        body.Append("<label for=\"comment\">Comment (optional; on a rejection it goes back to the author)</label>");
        body.Append("<textarea id=\"comment\" name=\"comment\" rows=\"4\"></textarea>");
        body.Append("<div class=\"buttons\">");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"approve\" class=\"approve\">Approve</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"reject\">Reject</button>");
        body.Append("</div></form>");
        return Document("Approval requested: " + request.Title, body.ToString());
    }

    /// <summary>The page after a decision was recorded.</summary>
    public static string Recorded(bool approved, string approver, string? comment, DateTime decidedAt)
    {
        var body = new StringBuilder();
        body.Append("<h1 id=\"outcome\">").Append(approved ? "Approved" : "Rejected").Append("</h1>");
        body.Append("<p class=\"lead\">Thank you. Your decision was recorded by ").Append(E(approver)).Append(" at ").Append(E(Time(decidedAt))).Append(".</p>");
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
        "textarea{width:100%;box-sizing:border-box;margin:.5rem 0 1rem}label{display:block;margin-top:1rem}" +
        "button{font-size:1rem;padding:.6rem 1.4rem;margin-right:.75rem;border:0;border-radius:4px;color:#fff;cursor:pointer}" +
        ".approve{background:#107c10}.reject{background:#a4262c}" +
        "</style></head><body>" + body + "</body></html>";
}
