using System.Text;
using Baton.Workflows;

namespace Baton.Dashboard;

/// <summary>The banner that lists the problems of workflow files found by the last reload, above the runs.</summary>
internal static class WorkflowProblemsView
{
    /// <summary>The banner, or nothing when every workflow file loaded.</summary>
    public static string Banner(DeclarativeWorkflowCatalog? catalog)
    {
        if (catalog is null || catalog.Problems.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<section id=\"workflow-problems\" class=\"card failure\" role=\"alert\"><h2>Workflow files with problems</h2>")
            .Append("<p class=\"small\">These files keep their last good version, or are not loaded if they never had one; every other workflow runs. Fix them and save: they reload by themselves.</p><ul>");
        foreach (var problem in catalog.Problems)
        {
            html.Append("<li><code>").Append(Html.E($"{Path.GetFileName(problem.File)}({problem.Line},{problem.Column})")).Append("</code>")
                .Append(problem.Step is null ? string.Empty : " step <code>" + Html.E(problem.Step) + "</code>")
                .Append(": ").Append(Html.E(problem.Message)).Append("</li>");
        }

        return html.Append("</ul></section>").ToString();
    }
}
