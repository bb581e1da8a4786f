using System.Globalization;
using System.Text;

namespace Baton.Dashboard;

/// <summary>
/// The approvals inbox: what waits for whom (live, every kind, each with Approve / Reject and a comment, acting as one of
/// its approvers through the single-decision path), and the audit trail of the chosen range from the approvals ledger.
/// </summary>
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

        html.Append("<section class=\"card\"><h2>Audit trail</h2>").Append(SpendView.RangeForm(links.Approvals(), range, links, "audit-range"));
        if (decided.Count == 0)
        {
            html.Append("<p class=\"empty\" id=\"decided-empty\">No decisions recorded for approvals asked in this range.</p>");
        }
        else
        {
            html.Append("<div class=\"scroll\"><table id=\"decided\"><thead><tr><th>Outcome</th><th>Approver</th><th>When (UTC)</th><th>Via</th><th>Comment or reason</th><th>What</th><th>Run</th></tr></thead><tbody>");
            foreach (var entry in decided)
            {
                html.Append("<tr data-instance-id=\"").Append(Html.E(entry.InstanceId)).Append("\" data-outcome=\"").Append(Html.E(entry.Outcome)).Append("\"><td>")
                    .Append("<span class=\"badge ts-").Append(Html.E(entry.Outcome)).Append("\">").Append(Html.E(entry.Outcome)).Append("</span>")
                    .Append("</td><td class=\"approver\">").Append(Html.E(entry.Approver)).Append("</td><td class=\"nowrap\">").Append(Display.TimeTag(entry.At))
                    .Append("</td><td class=\"channel\">").Append(Html.E(entry.Channel ?? string.Empty)).Append("</td><td>").Append(Html.Short(entry.Comment, 300));
                if (entry.EditedText is not null)
                {
                    html.Append("<details class=\"edited\"><summary>edited</summary><pre>").Append(Html.E(entry.EditedText)).Append("</pre></details>");
                }

                html.Append("</td><td class=\"small\">").Append(Html.E(entry.Title)).Append("</td><td><a href=\"").Append(Html.E(links.Run(entry.InstanceId))).Append("\">")
                    .Append(Html.E(entry.Workflow)).Append("</a><div class=\"muted small\">").Append(Html.Short(entry.InstanceId, 40)).Append("</div></td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        if (truncated)
        {
            html.Append("<p class=\"muted small\">Only the newest ").Append(options.MaxRunsScanned.ToString(CultureInfo.InvariantCulture)).Append(" approvals were read; narrow the range to see older decisions.</p>");
        }

        return html.Append("</section>").ToString();
    }

    public static string Pending(IReadOnlyList<DashboardPendingApproval> pending, DashboardLinks links, DateTimeOffset now)
    {
        if (pending.Count == 0)
        {
            return "<p class=\"empty\" id=\"pending-empty\">Nothing is waiting for a decision.</p>";
        }

        var html = new StringBuilder("<div class=\"scroll\"><table id=\"pending-table\"><thead><tr><th>What</th><th>For</th><th>Since (UTC)</th><th>Until (UTC)</th><th>Run</th><th>Decide</th></tr></thead><tbody>");
        foreach (var approval in pending)
        {
            html.Append("<tr data-instance-id=\"").Append(Html.E(approval.InstanceId)).Append("\" data-event=\"").Append(Html.E(approval.EventName))
                .Append("\" data-kind=\"").Append(Html.E(approval.Kind ?? string.Empty)).Append("\"><td><strong>").Append(Html.E(approval.Title)).Append("</strong>");
            if (approval.Kind is { Length: > 0 } kind)
            {
                html.Append(" <span class=\"badge kind\">").Append(Html.E(kind)).Append("</span>");
            }

            if (approval.ToolName is not null)
            {
                html.Append("<div class=\"small tool\">tool <code>").Append(Html.E(approval.ToolName)).Append("</code>")
                    .Append(approval.AgentName is null ? string.Empty : " asked by agent " + Html.E(approval.AgentName)).Append("</div>");
            }

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

            if (approval.Approvers.Count > 0)
            {
                DecideForm(html, approval, links);
            }

            html.Append("</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    private static void DecideForm(StringBuilder html, DashboardPendingApproval approval, DashboardLinks links)
    {
        html.Append("<form class=\"inbox-decision\" data-decide-url=\"").Append(Html.E(links.DecideApproval())).Append("\">")
            .Append("<input type=\"hidden\" name=\"instanceId\" value=\"").Append(Html.E(approval.InstanceId)).Append("\">")
            .Append("<input type=\"hidden\" name=\"eventName\" value=\"").Append(Html.E(approval.EventName)).Append("\">")
            .Append("<label class=\"small\">as <select name=\"approver\">");
        foreach (var approver in approval.Approvers)
        {
            html.Append("<option>").Append(Html.E(approver)).Append("</option>");
        }

        html.Append("</select></label>");
        if (approval.AllowEdits)
        {
            html.Append("<textarea name=\"edited\" class=\"edited\" rows=\"6\" title=\"You may edit this before approving\">").Append(Html.E(approval.Editable ?? string.Empty)).Append("</textarea>");
        }

        html.Append("<textarea name=\"comment\" class=\"comment\" rows=\"2\" placeholder=\"Comment (optional)\"></textarea>")
            .Append("<div><button type=\"submit\" name=\"decision\" value=\"approve\" class=\"approve\">Approve</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"reject danger\">Reject</button></div>")
            .Append("<div class=\"decide-result small\" role=\"status\"></div></form>");
    }
}
