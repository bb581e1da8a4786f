using System.Globalization;
using System.Text;
using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>The runs list: filters, the live table and the pager.</summary>
internal static class RunsView
{
    private static readonly OrchestrationRuntimeStatus[] Statuses =
    [
        OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.ContinuedAsNew, OrchestrationRuntimeStatus.Canceled,
    ];

    public static string Page(RunPage page, IReadOnlyList<string> workflows, DashboardLinks links, DashboardOptions options)
    {
        var filter = page.Filter;
        var html = new StringBuilder();
        html.Append("<h1>Runs</h1><section class=\"card\"><form class=\"filters\" id=\"run-filters\" method=\"get\" action=\"").Append(Html.E(links.Runs())).Append("\">");
        if (links.Code is not null)
        {
            html.Append("<input type=\"hidden\" name=\"code\" value=\"").Append(Html.E(links.Code)).Append("\">");
        }

        html.Append("<label>Status<select name=\"status\" id=\"filter-status\"><option value=\"\">Any</option>");
        foreach (var status in Statuses)
        {
            html.Append("<option value=\"").Append(status).Append('"').Append(filter.Statuses.Contains(status) ? " selected" : string.Empty).Append('>').Append(status).Append("</option>");
        }

        html.Append("</select></label><label>Workflow<select name=\"workflow\" id=\"filter-workflow\"><option value=\"\">Any</option>");
        foreach (var workflow in workflows)
        {
            html.Append("<option").Append(string.Equals(workflow, filter.Workflow, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty).Append('>').Append(Html.E(workflow)).Append("</option>");
        }

        html.Append("</select></label><label>Created<select name=\"range\" id=\"filter-range\"><option value=\"\">Any time</option>");
        foreach (var (key, label, _) in RunFilter.Ranges)
        {
            html.Append("<option value=\"").Append(key).Append('"').Append(filter.Range == key ? " selected" : string.Empty).Append('>').Append(label).Append("</option>");
        }

        html.Append("</select></label>")
            .Append("<label>From (UTC)<input type=\"datetime-local\" name=\"from\" id=\"filter-from\" value=\"").Append(Local(filter.From)).Append("\"></label>")
            .Append("<label>To (UTC)<input type=\"datetime-local\" name=\"to\" id=\"filter-to\" value=\"").Append(Local(filter.To)).Append("\"></label>")
            .Append("<button type=\"submit\">Apply</button><a class=\"small\" href=\"").Append(Html.E(links.Runs())).Append("\">Clear</a></form>");

        // Only the first page refreshes itself: a later page is a snapshot the reader is paging through.
        var refresh = options.RefreshSeconds > 0 && string.IsNullOrEmpty(filter.ContinuationToken)
            ? " data-refresh-url=\"" + Html.E(links.RunsFragment(filter.ToQueryString())) + "\""
            : string.Empty;
        html.Append("<div id=\"runs\"").Append(refresh).Append('>').Append(Fragment(page, links, options)).Append("</div></section>");
        return html.ToString();
    }

    public static string Fragment(RunPage page, DashboardLinks links, DashboardOptions options)
    {
        var html = new StringBuilder();
        if (page.Rows.Count == 0)
        {
            html.Append("<p class=\"empty\" id=\"runs-empty\">No runs match these filters.</p>");
        }
        else
        {
            html.Append("<div class=\"scroll\"><table id=\"runs-table\"><thead><tr><th>Run</th><th>Workflow</th><th>Status</th><th class=\"wide\">State · step</th>")
                .Append("<th class=\"wide\">Started (UTC)</th><th class=\"num\">Duration</th><th class=\"num\">Tokens</th><th class=\"num wide\">Est. cost</th></tr></thead><tbody>");
            foreach (var row in page.Rows)
            {
                var instance = row.Instance;
                var spend = row.Spend;
                html.Append("<tr data-instance-id=\"").Append(Html.E(instance.InstanceId)).Append("\" data-status=\"").Append(instance.RuntimeStatus).Append("\">")
                    .Append("<td><a class=\"run-link\" href=\"").Append(Html.E(links.Run(instance.InstanceId))).Append("\" title=\"").Append(Html.E(instance.InstanceId)).Append("\">").Append(Html.Short(instance.InstanceId, 14)).Append("</a></td>")
                    .Append("<td class=\"workflow nowrap\">").Append(Html.E(instance.Name)).Append("</td>")
                    .Append("<td>").Append(Display.StatusBadge(instance.RuntimeStatus)).Append("</td>")
                    .Append("<td class=\"wide small step\">").Append(Html.Short(Join(row.Status.State, row.Status.Step), 90)).Append("</td>")
                    .Append("<td class=\"nowrap wide\">").Append(Display.TimeTag(instance.CreatedAt)).Append("</td>")
                    .Append("<td class=\"num\">").Append(Display.Duration(row.Duration(page.Now))).Append("</td>")
                    .Append("<td class=\"num\">").Append(spend.IsKnown ? Display.Tokens(spend.TotalTokens) : "–").Append("</td>")
                    .Append("<td class=\"num wide\">").Append(spend.IsKnown ? Display.Cost(spend.EstimatedCost, options.CostPrefix) : "–").Append("</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        html.Append("<div class=\"pager\">");
        if (!string.IsNullOrEmpty(page.Filter.ContinuationToken))
        {
            html.Append("<a id=\"first-page\" href=\"").Append(Html.E(links.Runs(page.Filter.ToQueryString()))).Append("\">« First page</a>");
        }

        if (page.NextPage is not null)
        {
            html.Append("<a id=\"next-page\" href=\"").Append(Html.E(links.Runs(page.Filter.ToQueryString().Append(new("page", page.NextPage))))).Append("\">Next page »</a>");
        }

        html.Append("<span class=\"muted small\">").Append(page.Rows.Count.ToString(CultureInfo.InvariantCulture)).Append(" run(s) shown</span></div>");
        return html.ToString();
    }

    private static string Local(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : string.Empty;

    private static string Join(string? state, string? step) =>
        (state, step) switch
        {
            (null or "", null or "") => string.Empty,
            (null or "", _) => step!,
            (_, null or "") => state!,
            _ => state + " · " + step,
        };
}
