using System.Globalization;
using System.Text;
using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>
/// The runs list: search by id prefix, several statuses at once, workflow and time filters; the live table with
/// sub-workflows nested under their parents (spend rolled up), full ids with a copy button, UTC times, restart and
/// rewind per run; and bulk purge by the same filter with a count and a confirmation step.
/// </summary>
internal static class RunsView
{
    private static readonly OrchestrationRuntimeStatus[] Statuses =
    [
        OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.ContinuedAsNew, OrchestrationRuntimeStatus.Canceled,
    ];

    public static string Page(RunPage page, IReadOnlyList<string> workflows, DashboardLinks links, DashboardOptions options, bool canRewind)
    {
        var filter = page.Filter;
        var html = new StringBuilder();
        html.Append("<h1>Runs</h1><section class=\"card\"><form class=\"filters\" id=\"run-filters\" method=\"get\" action=\"").Append(Html.E(links.Runs())).Append("\">")
            .Append("<label>Instance id starts with<input type=\"search\" name=\"q\" id=\"filter-id\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"e.g. weekly-report-\" value=\"")
            .Append(Html.E(filter.Prefix)).Append("\"></label>");
        html.Append("<fieldset class=\"statuses\" id=\"filter-status\"><legend>Status (any of)</legend>");
        foreach (var status in Statuses)
        {
            html.Append("<label><input type=\"checkbox\" name=\"status\" value=\"").Append(status).Append('"')
                .Append(filter.Statuses.Contains(status) ? " checked" : string.Empty).Append('>').Append(status).Append("</label>");
        }

        html.Append("</fieldset><label>Workflow<select name=\"workflow\" id=\"filter-workflow\"><option value=\"\">Any</option>");
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
            .Append("<label>From (UTC)<input type=\"datetime-local\" name=\"from\" id=\"filter-from\" value=\"").Append(Minutes(filter.From)).Append("\"></label>")
            .Append("<label>To (UTC)<input type=\"datetime-local\" name=\"to\" id=\"filter-to\" value=\"").Append(Minutes(filter.To)).Append("\"></label>")
            .Append("<button type=\"submit\">Apply</button><a class=\"small\" id=\"filter-clear\" href=\"").Append(Html.E(links.Runs())).Append("\">Clear</a></form>");

        // Only the first page refreshes itself: a later page is a snapshot the reader is paging through.
        var refresh = options.RefreshSeconds > 0 && string.IsNullOrEmpty(filter.ContinuationToken)
            ? " data-refresh-url=\"" + Html.E(links.RunsFragment(filter.ToQueryString())) + "\""
            : string.Empty;
        html.Append("<div id=\"runs\"").Append(refresh).Append('>').Append(Fragment(page, links, options, canRewind)).Append("</div>");

        // Bulk purge works on every finished run the filter matches, not only this page; it counts before it deletes.
        var query = string.Join('&', filter.ToQueryString().Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        html.Append("<div class=\"purge\" id=\"bulk-purge\" data-purge-url=\"").Append(Html.E(links.BulkPurge())).Append("\" data-query=\"").Append(Html.E(query)).Append("\">")
            .Append("<button type=\"button\" class=\"secondary\" id=\"purge-count\">Purge finished runs matching these filters…</button> ")
            .Append("<span class=\"muted small\">Counts first; only Completed, Failed, Terminated and Canceled runs are purged.</span>")
            .Append("<div class=\"confirm\" id=\"purge-confirm\" hidden><p id=\"purge-summary\"></p>")
            .Append("<button type=\"button\" class=\"danger\" id=\"purge-go\">Purge them</button> <button type=\"button\" class=\"secondary\" id=\"purge-cancel\">Cancel</button></div>")
            .Append("<p id=\"purge-result\" role=\"status\"></p></div>");
        if (!canRewind)
        {
            html.Append("<p class=\"muted small\" id=\"rewind-note\">Rewind is not available: this engine cannot rewind a failed run. Restart starts a new run with the same input.</p>");
        }

        html.Append("</section>");
        return html.ToString();
    }

    public static string Fragment(RunPage page, DashboardLinks links, DashboardOptions options, bool canRewind)
    {
        var html = new StringBuilder();
        var shown = page.Rows.Sum(r => 1 + r.Descendants);
        if (shown == 0)
        {
            html.Append("<p class=\"empty\" id=\"runs-empty\">No runs match these filters.</p>");
        }
        else
        {
            html.Append("<div class=\"scroll\"><table id=\"runs-table\"><thead><tr><th>Run</th><th>Workflow</th><th>Status</th><th class=\"wide\">State · step</th>")
                .Append("<th class=\"wide\">Started (UTC)</th><th class=\"num\">Duration</th><th class=\"num\">Tokens</th><th class=\"num wide\">Est. cost</th><th>Actions</th></tr></thead><tbody>");
            foreach (var row in page.Rows)
            {
                Row(html, row, null, 0, page.Now, links, options, canRewind);
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

        html.Append("<span class=\"muted small\" id=\"runs-count\">").Append(shown.ToString(CultureInfo.InvariantCulture)).Append(" run(s) shown; times in UTC</span></div>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, RunRow row, string? parentId, int depth, DateTimeOffset now, DashboardLinks links, DashboardOptions options, bool canRewind)
    {
        var instance = row.Instance;
        var spend = row.RolledUpSpend;
        var id = Html.E(instance.InstanceId);
        html.Append("<tr data-instance-id=\"").Append(id).Append("\" data-status=\"").Append(instance.RuntimeStatus).Append('"');
        if (parentId is not null)
        {
            html.Append(" class=\"child\" data-parent-id=\"").Append(Html.E(parentId)).Append("\" style=\"--depth:").Append(depth.ToString(CultureInfo.InvariantCulture)).Append('"');
        }

        html.Append("><td class=\"run\"><span class=\"run-id\"><a class=\"run-link\" href=\"").Append(Html.E(links.Run(instance.InstanceId))).Append("\">").Append(id).Append("</a>")
            .Append("<button type=\"button\" class=\"copy\" data-copy=\"").Append(id).Append("\" title=\"Copy the instance id\" aria-label=\"Copy the instance id\">copy</button></span>");
        if (row.ParentOffPage is { } parent)
        {
            html.Append("<span class=\"parent-note\">sub-workflow of <a href=\"").Append(Html.E(links.Run(parent))).Append("\">").Append(Html.E(parent)).Append("</a></span>");
        }

        html.Append("</td><td class=\"workflow\" data-label=\"Workflow\">").Append(Html.E(instance.Name)).Append("</td>")
            .Append("<td data-label=\"Status\">").Append(Display.StatusBadge(instance.RuntimeStatus)).Append("</td>")
            .Append("<td class=\"wide small step\">").Append(Html.Short(Join(row.Status.State, row.Status.Step), 90)).Append("</td>")
            .Append("<td class=\"nowrap wide\">").Append(Display.TimeTag(instance.CreatedAt)).Append("</td>")
            .Append("<td class=\"num\" data-label=\"Duration\">").Append(Display.Duration(row.Duration(now))).Append("</td>")
            .Append("<td class=\"num tokens\" data-label=\"Tokens\">").Append(spend.IsKnown ? Display.Tokens(spend.TotalTokens) : "–");
        if (row.SubWorkflowsInSpend > 0)
        {
            html.Append("<span class=\"rollup\" title=\"This run's own spend plus its sub-workflows'\">incl. ").Append(row.SubWorkflowsInSpend.ToString(CultureInfo.InvariantCulture))
                .Append(row.SubWorkflowsInSpend == 1 ? " sub-workflow" : " sub-workflows").Append("</span>");
        }

        html.Append("</td><td class=\"num wide\">").Append(spend.IsKnown ? Display.Cost(spend.EstimatedCost, options.CostPrefix) : "–").Append("</td>")
            .Append("<td class=\"acts\" data-instance-url=\"").Append(Html.E(links.Instance(instance.InstanceId))).Append("\" data-instance-id=\"").Append(id).Append("\">")
            .Append(RestartAndRewind(instance, canRewind, " small")).Append("</td></tr>");
        foreach (var child in row.Children)
        {
            Row(html, child, instance.InstanceId, depth + 1, now, links, options, canRewind);
        }
    }

    /// <summary>The Restart button, and for a failed run Rewind (disabled, saying why, where the engine cannot rewind).</summary>
    public static string RestartAndRewind(OrchestrationMetadata instance, bool canRewind, string size = "")
    {
        var html = "<button type=\"button\" class=\"secondary" + size + "\" data-action=\"restart\" title=\"Start a new run with the same input\">Restart</button>";
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
        {
            html += canRewind
                ? "<button type=\"button\" class=\"secondary" + size + "\" data-action=\"rewind\" title=\"Run the failed steps again and go on\">Rewind</button>"
                : "<button type=\"button\" class=\"secondary" + size + "\" data-action=\"rewind\" disabled title=\"This engine cannot rewind a failed run; restart it instead\">Rewind (not supported)</button>";
        }

        return html;
    }

    private static string Minutes(DateTimeOffset? time) =>
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
