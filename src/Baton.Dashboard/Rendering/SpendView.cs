using System.Globalization;
using System.Text;

namespace Baton.Dashboard;

/// <summary>The spend page: totals, then tokens and estimated cost per workflow and per agent as bar charts.</summary>
internal static class SpendView
{
    public static string Page(SpendReport report, RangeChoice range, DashboardLinks links, DashboardOptions options)
    {
        var html = new StringBuilder("<h1>Spend</h1><section class=\"card\">");
        html.Append(RangeForm(links.Spend(), range, links, "spend-range"));
        html.Append("<div class=\"totals\"><div id=\"spend-tokens\">").Append(Display.Tokens(report.TotalTokens)).Append("<span>tokens</span></div>")
            .Append("<div id=\"spend-cost\">").Append(Display.Cost(report.TotalCost, options.CostPrefix)).Append("<span>estimated cost</span></div>")
            .Append("<div id=\"spend-runs\">").Append(report.Runs.ToString(CultureInfo.InvariantCulture)).Append("<span>runs</span></div></div>");
        if (report.Truncated)
        {
            html.Append("<p class=\"muted small\">Only the newest ").Append(options.MaxRunsScanned.ToString(CultureInfo.InvariantCulture)).Append(" runs are counted; narrow the range to see all.</p>");
        }

        html.Append("</section><section class=\"card chart\"><h2>Per workflow</h2><div class=\"scroll\">")
            .Append(SvgBarChart.Render("spend-by-workflow", "Tokens and estimated cost per workflow", report.ByWorkflow, options.CostPrefix, "runs"))
            .Append("</div></section><section class=\"card chart\"><h2>Per agent</h2><div class=\"scroll\">")
            .Append(SvgBarChart.Render("spend-by-agent", "Tokens and estimated cost per agent", report.ByAgent, options.CostPrefix, "calls"))
            .Append("</div></section>");
        return html.ToString();
    }

    /// <summary>A small GET form choosing a preset range.</summary>
    public static string RangeForm(string action, RangeChoice range, DashboardLinks links, string id)
    {
        ArgumentNullException.ThrowIfNull(links);
        var html = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"").Append(Html.E(action)).Append("\">");

        html.Append("<label>Runs created<select name=\"range\" id=\"").Append(id).Append("\" data-autosubmit=\"true\">");
        foreach (var (key, label, _) in RunFilter.Ranges)
        {
            html.Append("<option value=\"").Append(key).Append('"').Append(range.Key == key ? " selected" : string.Empty).Append('>').Append(label).Append("</option>");
        }

        html.Append("<option value=\"all\"").Append(range.Key == "all" ? " selected" : string.Empty).Append(">Any time</option></select></label>")
            .Append("<button type=\"submit\">Show</button></form>");
        return html.ToString();
    }
}
