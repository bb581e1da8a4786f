using System.Net;
using System.Security.Cryptography;
using System.Text;
using Baton.Agents;
using MimeKit;

namespace Baton.Approvals;

/// <summary>Builds the approval email (plain text and HTML) that the outbox and SMTP channels send.</summary>
internal static class ApprovalEmail
{
    public static MimeMessage Create(ApprovalMessage message, string from, DateTimeOffset now)
    {
        var email = new MimeMessage();
        email.From.Add(MailboxAddress.Parse(from));
        email.To.Add(ToAddress(message.Approver));
        email.Subject = ApprovalContent.Subject(message);
        email.Date = now;
        email.MessageId = StableId(message) + "@baton";
        email.Headers.Add("X-Baton-Instance", message.Request.InstanceId);
        email.Headers.Add("X-Baton-Event", message.Request.EventName);
        var body = new BodyBuilder { TextBody = Text(message), HtmlBody = Html(message) };
        email.Body = body.ToMessageBody();
        return email;
    }

    /// <summary>A file- and header-safe name that is the same for the same request, kind, sequence and approver.</summary>
    public static string StableId(ApprovalMessage message)
    {
        var request = message.Request;
        var suffix = message.Notification.Kind switch
        {
            ApprovalNotificationKind.Reminder => "-reminder-" + message.Notification.Sequence,
            ApprovalNotificationKind.Escalated => "-escalated",
            _ => string.Empty,
        };
        var readable = Safe(request.InstanceId, 60) + "_" + Safe(request.EventName, 60) + "_" + Safe(message.Approver, 60) + suffix;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(request.InstanceId + "\n" + request.EventName + "\n" + message.Approver));
        return readable + "_" + Convert.ToHexStringLower(hash)[..8];
    }

    private static MailboxAddress ToAddress(string approver) =>
        MailboxAddress.TryParse(approver, out var address) && address.Address.Contains('@', StringComparison.Ordinal)
            ? address
            : new MailboxAddress(approver, approver.Contains('@', StringComparison.Ordinal) ? approver : approver + "@localhost");

    private static string Safe(string text, int max)
    {
        var builder = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (builder.Length == max)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        }

        return builder.ToString();
    }

    private static string Text(ApprovalMessage message)
    {
        var request = message.Request;
        var text = new StringBuilder();
        if (ApprovalContent.KindLine(message) is { } kind)
        {
            text.AppendLine(kind).AppendLine();
        }

        text.AppendLine(request.Title).AppendLine();
        if (ApprovalContent.Excerpt(request) is { } excerpt)
        {
            text.AppendLine(excerpt).AppendLine();
        }

        foreach (var fact in ApprovalContent.Facts(message))
        {
            text.Append(fact.Key).Append(": ").AppendLine(fact.Value);
        }

        text.AppendLine()
            .AppendLine("Open this link to review and approve or reject (nothing is decided until you press a button on the page):")
            .AppendLine(message.Link.AbsoluteUri)
            .AppendLine()
            .AppendLine("The link is yours alone; do not forward it.");
        return text.ToString();
    }

    private static string Html(ApprovalMessage message)
    {
        var request = message.Request;
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        if (ApprovalContent.KindLine(message) is { } kind)
        {
            html.Append("<p><em>").Append(WebUtility.HtmlEncode(kind)).Append("</em></p>");
        }

        html.Append("<h2>").Append(WebUtility.HtmlEncode(request.Title)).Append("</h2>");
        if (ApprovalContent.Excerpt(request) is { } excerpt)
        {
            html.Append("<pre style=\"white-space:pre-wrap\">").Append(WebUtility.HtmlEncode(excerpt)).Append("</pre>");
        }

        html.Append("<table>");
        foreach (var fact in ApprovalContent.Facts(message))
        {
            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(fact.Key)).Append("</th><td>")
                .Append(WebUtility.HtmlEncode(fact.Value)).Append("</td></tr>");
        }

        var link = WebUtility.HtmlEncode(message.Link.AbsoluteUri);
        html.Append("</table><p><a href=\"").Append(link).Append("\">Review and decide</a></p>")
            .Append("<p style=\"color:#666\">Nothing is decided until you press Approve or Reject on the page. The link is yours alone; do not forward it.</p>")
            .Append("</body></html>");
        return html.ToString();
    }
}
