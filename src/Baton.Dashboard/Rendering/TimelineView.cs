using System.Globalization;
using System.Text;

namespace Baton.Dashboard;

/// <summary>A run's timeline as a Gantt chart: one row per step, bars placed on the run's time axis.</summary>
internal static class TimelineView
{
    public static string Render(RunTimeline timeline, DateTime now, string costPrefix, DashboardLinks? links = null, IReadOnlySet<string>? recordedCalls = null)
    {
        if (timeline.Steps.Count == 0)
        {
            // Steps come from the run's history; an engine that returns none for a run (a test host) shows none.
            return "<p class=\"empty\" id=\"timeline-empty\">No steps recorded yet (the timeline comes from the run's history).</p>";
        }

        var openUntil = timeline.OpenUntil(now);
        var total = Math.Max((openUntil - timeline.Start).TotalMilliseconds, 1);
        var html = new StringBuilder("<div class=\"gantt\" id=\"timeline\">");
        html.Append("<div class=\"axis\"><span>0</span><span>").Append(Display.Duration(openUntil - timeline.Start)).Append("</span></div>");
        foreach (var step in timeline.Steps)
        {
            var left = Math.Clamp((step.Start - timeline.Start).TotalMilliseconds / total * 100, 0, 100);
            var width = Math.Clamp(step.Duration(openUntil).TotalMilliseconds / total * 100, 0, 100 - left);
            var kind = step.Kind.ToString().ToLowerInvariant();
            html.Append("<div class=\"row step k-").Append(kind).Append(" s-").Append(step.Status.ToString().ToLowerInvariant())
                .Append("\" data-kind=\"").Append(kind).Append("\" data-status=\"").Append(step.Status.ToString().ToLowerInvariant())
                .Append("\" data-attempt=\"").Append(step.Attempt.ToString(CultureInfo.InvariantCulture)).Append('"');
            if (step.TotalTokens is { } tokenCount)
            {
                html.Append(" data-tokens=\"").Append(tokenCount.ToString(CultureInfo.InvariantCulture)).Append('"');
            }

            html.Append("><div class=\"label\"><span class=\"kind\">").Append(KindLabel(step.Kind)).Append("</span><span class=\"name\">").Append(Html.E(step.Name)).Append("</span> ");
            if (step.ChildInstanceId is { } child && links is not null)
            {
                html.Append("<a class=\"small\" href=\"").Append(Html.E(links.Run(child))).Append("\">open run</a> ");
            }

            if (step.CallKey is { } callKey && recordedCalls?.Contains(callKey) == true)
            {
                html.Append("<a class=\"small call-link\" href=\"#call-").Append(Html.E(callKey)).Append("\">details</a> ");
            }

            if (step.Attempt > 1)
            {
                html.Append("<span class=\"badge retry\">retry · attempt ").Append(step.Attempt.ToString(CultureInfo.InvariantCulture)).Append("</span> ");
            }

            if (!step.IsPoint)
            {
                html.Append(Display.StepBadge(step.Status));
            }

            var meta = new List<string>();
            if (step.TotalTokens is { } tokens)
            {
                meta.Add($"{Display.Tokens(tokens)} tok ({Display.Tokens(step.InputTokens ?? 0)} in / {Display.Tokens(step.OutputTokens ?? 0)} out)"
                    + (step.EstimatedCost is { } cost and > 0 ? " · " + Display.Cost(cost, costPrefix) : string.Empty));
            }

            if (step.Model is not null)
            {
                meta.Add(step.Model);
            }

            if (step.Detail is not null)
            {
                meta.Add(step.Detail);
            }

            if (meta.Count > 0)
            {
                html.Append("<div class=\"meta\">").Append(Html.E(string.Join(" · ", meta))).Append("</div>");
            }

            if (step.Failure is not null)
            {
                html.Append("<div class=\"meta failure-text\">").Append(Html.Short(step.Failure, 300)).Append("</div>");
            }

            var title = $"{step.Name}: {Display.Time(step.Start)} → {(step.End is { } end ? Display.Time(end) : "running")} UTC";
            html.Append("</div><div class=\"track\" title=\"").Append(Html.E(title)).Append("\"><div class=\"bar").Append(step.IsPoint ? " point" : string.Empty)
                .Append("\" style=\"left:").Append(left.ToString("0.###", CultureInfo.InvariantCulture)).Append("%;width:")
                .Append(width.ToString("0.###", CultureInfo.InvariantCulture)).Append("%\"></div>");
            if (!step.IsPoint)
            {
                html.Append("<span class=\"dur\">").Append(Display.Duration(step.Duration(openUntil))).Append("</span>");
            }

            html.Append("</div></div>");
        }

        html.Append("<div class=\"legend\">");
        foreach (var (css, label) in new[] { ("#6366f1", "agent (LLM call)"), ("#0ea5e9", "tool"), ("#64748b", "activity"), ("#a855f7", "notification"), ("#f59e0b", "approval wait"), ("#94a3b8", "timer"), ("#10b981", "sub-workflow"), ("#dc2626", "failed attempt") })
        {
            html.Append("<span><i style=\"background:").Append(css).Append("\"></i>").Append(label).Append("</span>");
        }

        return html.Append("</div></div>").ToString();
    }

    private static string KindLabel(TimelineStepKind kind) => kind switch
    {
        TimelineStepKind.SubWorkflow => "sub-workflow",
        TimelineStepKind.Notification => "notify",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
