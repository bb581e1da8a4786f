using System.Globalization;
using System.Text;

namespace Baton.Dashboard;

/// <summary>The approvals inbox: what waits for whom (live), and the decisions recorded in the chosen range.</summary>
internal static class ApprovalsView
{
    public static string Page(
        IReadOnlyList<DashboardPendingApproval> pending,
        IReadOnlyList<ApprovalAuditEntry> decided,
        bool truncated,
        RangeChoice range,
        DashboardLinks links,
        DashboardOptions options,
        DateTimeOffset now)
    {
        var html = new StringBuilder("<h1>Approvals</h1><section class=\"card\"><h2>Waiting for a decision</h2>");
        var refresh = options.RefreshSeconds > 0 ? " data-refresh-url=\"" + Html.E(links.PendingFragment()) + "\"" : string.Empty;
        html.Append("<div id=\"pending\"").Append(refresh).Append('>').Append(Pending(pending, links, now)).Append("</div></section>");

        html.Append("<section class=\"card\"><h2>Decided</h2>").Append(SpendView.RangeForm(links.Approvals(), range, links, "audit-range"));
        if (decided.Count == 0)
        {
            html.Append("<p class=\"empty\" id=\"decided-empty\">No decisions recorded for runs created in this range.</p>");
        }
        else
        {
            html.Append("<div class=\"scroll\"><table id=\"decided\"><thead><tr><th>Decision</th><th>Approver</th><th>Decided (UTC)</th><th>Comment</th><th>Run</th><th class=\"wide\">Event</th></tr></thead><tbody>");
            foreach (var entry in decided)
            {
                html.Append("<tr data-instance-id=\"").Append(Html.E(entry.InstanceId)).Append("\"><td>")
                    .Append(entry.Approved ? "<span class=\"badge ts-approved\">approved</span>" : "<span class=\"badge ts-rejected\">rejected</span>")
                    .Append("</td><td>").Append(Html.E(entry.Approver)).Append("</td><td class=\"nowrap\">").Append(Display.TimeTag(entry.DecidedAt))
                    .Append("</td><td>").Append(Html.Short(entry.Comment, 300)).Append("</td><td><a href=\"").Append(Html.E(links.Run(entry.InstanceId))).Append("\">")
                    .Append(Html.E(entry.Workflow)).Append("</a><div class=\"muted small\">").Append(Html.Short(entry.InstanceId, 40)).Append("</div></td><td class=\"wide small\">")
                    .Append(Html.E(entry.EventName)).Append("</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        if (truncated)
        {
            html.Append("<p class=\"muted small\">Only the newest ").Append(options.MaxRunsScanned.ToString(CultureInfo.InvariantCulture)).Append(" runs were read; narrow the range to see older decisions.</p>");
        }

        return html.Append("</section>").ToString();
    }

    public static string Pending(IReadOnlyList<DashboardPendingApproval> pending, DashboardLinks links, DateTimeOffset now)
    {
        if (pending.Count == 0)
        {
            return "<p class=\"empty\" id=\"pending-empty\">Nothing is waiting for a decision.</p>";
        }

        var html = new StringBuilder("<div class=\"scroll\"><table id=\"pending-table\"><thead><tr><th>What</th><th>For</th><th>Since (UTC)</th><th>Until (UTC)</th><th>Run</th><th></th></tr></thead><tbody>");
        foreach (var approval in pending)
        {
            html.Append("<tr data-instance-id=\"").Append(Html.E(approval.InstanceId)).Append("\" data-event=\"").Append(Html.E(approval.EventName)).Append("\"><td><strong>")
                .Append(Html.E(approval.Title)).Append("</strong>");
            if (approval.Excerpt is not null)
            {
                html.Append("<div class=\"muted small excerpt\">").Append(Html.E(approval.Excerpt)).Append("</div>");
            }

            html.Append("</td><td class=\"approvers\">").Append(approval.Approvers.Count == 0 ? "–" : Html.E(string.Join(", ", approval.Approvers)))
                .Append("</td><td class=\"nowrap\">").Append(Display.TimeTag(approval.RequestedAt)).Append("<div class=\"muted small\">")
                .Append(Display.Duration(now.UtcDateTime - approval.RequestedAt)).Append(" ago</div></td><td class=\"nowrap\">");
            if (approval.ExpiresAt is { } expires)
            {
                html.Append(Display.TimeTag(expires)).Append("<div class=\"muted small\">").Append(expires > now.UtcDateTime ? "in " + Display.Duration(expires - now.UtcDateTime) : "expired").Append("</div>");
            }
            else
            {
                html.Append('–');
            }

            html.Append("</td><td><a class=\"run-link\" href=\"").Append(Html.E(links.Run(approval.InstanceId))).Append("\">").Append(Html.E(approval.Workflow))
                .Append("</a><div class=\"muted small\">").Append(Html.Short(approval.InstanceId, 40)).Append("</div></td><td>");
            if (approval.Link is { } link)
            {
                html.Append("<a class=\"button approval-link\" href=\"").Append(Html.E(link.ToString())).Append("\">Open approval</a>");
            }

            html.Append("</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }
}
