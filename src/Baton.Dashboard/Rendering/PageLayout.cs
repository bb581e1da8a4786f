using System.Globalization;
using System.Text;

namespace Baton.Dashboard;

/// <summary>The frame every dashboard page shares: header with navigation, inline styles, and the inline script.</summary>
internal static class PageLayout
{
    public static string Render(string title, string active, string body, DashboardLinks links, int refreshSeconds)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · Baton</title><style>").Append(Styles).Append(AgentCallStyles.Css).Append("</style></head>")
            .Append("<body data-refresh-seconds=\"").Append(refreshSeconds.ToString(CultureInfo.InvariantCulture)).Append('"');
        if (links.Code is not null)
        {
            html.Append(" data-code=\"").Append(Html.E(links.Code)).Append('"');
        }

        html.Append("><header class=\"top\"><a class=\"brand\" href=\"").Append(Html.E(links.Runs())).Append("\">Baton</a><nav>");
        foreach (var (key, label, href) in new[] { ("runs", "Runs", links.Runs()), ("approvals", "Approvals", links.Approvals()), ("spend", "Spend", links.Spend()), ("start", "Start run", links.Page("/start")) })
        {
            html.Append("<a id=\"nav-").Append(key).Append("\" href=\"").Append(Html.E(href)).Append('"')
                .Append(key == active ? " class=\"active\" aria-current=\"page\"" : string.Empty).Append('>').Append(label).Append("</a>");
        }

        html.Append("</nav><span id=\"refresh-state\" class=\"muted\"></span></header><main>")
            .Append(body)
            .Append("</main><script>").Append(DashboardScript.Source).Append("</script></body></html>");
        return html.ToString();
    }

    private const string Styles = """
        :root{--bg:#f6f7f9;--card:#fff;--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--accent:#4f46e5;--ok:#059669;--bad:#dc2626;--warn:#d97706;--run:#2563eb}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
        a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
        header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.25rem;padding:.6rem 1rem;background:#111827;color:#fff}
        header.top .brand{color:#fff;font-weight:700;font-size:1.1rem;letter-spacing:.02em}
        header.top nav{display:flex;gap:.25rem}
        header.top nav a{color:#d1d5db;padding:.3rem .7rem;border-radius:6px}
        header.top nav a.active,header.top nav a:hover{background:#374151;color:#fff;text-decoration:none}
        header.top #refresh-state{margin-left:auto;color:#9ca3af;font-size:.8rem}
        main{max-width:1200px;margin:0 auto;padding:1rem}
        h1{font-size:1.35rem;margin:.2rem 0 1rem;word-break:break-all}h2{font-size:1.05rem;margin:0 0 .6rem}
        section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem;margin-bottom:1rem;overflow:hidden}
        .muted{color:var(--muted)}.small{font-size:.85rem}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.45rem .55rem;border-bottom:1px solid var(--line);vertical-align:top}
        th{font-weight:600;color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
        td.num,th.num{text-align:right;white-space:nowrap}td.nowrap{white-space:nowrap}
        tr:hover td{background:#fafafa}
        .badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.78rem;font-weight:600;background:#e5e7eb;color:#374151;white-space:nowrap}
        .st-running,.ts-running{background:#dbeafe;color:#1e40af}.st-completed,.ts-completed,.ts-approved{background:#d1fae5;color:#065f46}
        .st-failed,.ts-failed,.ts-rejected{background:#fee2e2;color:#991b1b}.st-terminated,.st-canceled,.ts-cancelled{background:#e5e7eb;color:#374151}
        .st-pending,.ts-nodecision{background:#fef3c7;color:#92400e}.st-suspended{background:#ede9fe;color:#5b21b6}.st-continuedasnew{background:#e0f2fe;color:#075985}
        form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end;margin-bottom:.8rem}
        form.filters label{display:flex;flex-direction:column;font-size:.78rem;color:var(--muted);gap:.15rem}
        select,input,button{font:inherit;padding:.35rem .5rem;border:1px solid #d1d5db;border-radius:6px;background:#fff;color:var(--ink)}
        select[multiple]{min-height:2.2rem}
        button,.button{cursor:pointer;background:var(--accent);color:#fff;border-color:var(--accent);display:inline-block;padding:.35rem .8rem;border-radius:6px}
        button.secondary{background:#fff;color:var(--ink);border-color:#d1d5db}button.danger{background:var(--bad);border-color:var(--bad)}
        .pager{display:flex;gap:.75rem;align-items:center;margin-top:.7rem}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
        dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;word-break:break-word}
        .grid2{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
        pre{background:#f3f4f6;border-radius:6px;padding:.6rem;overflow:auto;max-height:22rem;font-size:.8rem;margin:0;white-space:pre-wrap;word-break:break-word}
        .failure{border-left:4px solid var(--bad);background:#fef2f2;padding:.6rem .8rem;border-radius:6px}
        .failure .type{font-weight:600;color:#991b1b}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
        #action-result{font-size:.85rem}
        .gantt{font-size:.85rem}
        .gantt .row{display:grid;grid-template-columns:minmax(12rem,34%) 1fr;gap:.6rem;align-items:center;padding:.25rem 0;border-bottom:1px dashed var(--line)}
        .gantt .label{min-width:0}.gantt .label .name{font-weight:600;word-break:break-word}
        .gantt .label .meta{color:var(--muted);font-size:.78rem;word-break:break-word}
        .gantt .kind{display:inline-block;min-width:4.8rem;font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        .gantt .track{position:relative;height:1.3rem;background:#f3f4f6;border-radius:4px}
        .gantt .bar{position:absolute;top:.15rem;bottom:.15rem;min-width:3px;border-radius:3px;background:#64748b}
        .gantt .bar.point{width:3px!important;background:#111827}
        .gantt .dur{position:absolute;right:.3rem;top:0;line-height:1.3rem;font-size:.72rem;color:#374151}
        .k-agent .bar{background:#6366f1}.k-tool .bar{background:#0ea5e9}.k-notification .bar{background:#a855f7}.k-approval .bar{background:#f59e0b}
        .k-timer .bar{background:#94a3b8}.k-subworkflow .bar{background:#10b981}.k-activity .bar{background:#64748b}.k-lifecycle .bar{background:#ef4444}
        .s-failed .bar{background:repeating-linear-gradient(45deg,#dc2626 0 6px,#f87171 6px 12px)}
        .s-running .bar{opacity:.75;animation:pulse 1.6s ease-in-out infinite}
        @keyframes pulse{50%{opacity:.45}}
        .retry{background:#fee2e2;color:#991b1b}
        .gantt .axis{display:flex;justify-content:space-between;color:var(--muted);font-size:.75rem;margin-left:calc(min(34%,100%) + .6rem)}
        .legend{display:flex;flex-wrap:wrap;gap:.8rem;font-size:.75rem;color:var(--muted);margin-top:.6rem}
        .legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
        #history tr.minor{display:none}#history.all tr.minor{display:table-row}
        details summary{cursor:pointer;color:var(--accent)}
        .chart svg{width:100%;min-width:560px;height:auto;display:block}
        td.step{max-width:24rem;word-break:break-word}a.run-link{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
        .totals{display:flex;flex-wrap:wrap;gap:1.5rem;margin-bottom:.8rem}.totals div{font-size:1.3rem;font-weight:700}.totals span{display:block;font-size:.75rem;color:var(--muted);font-weight:400}
        .empty{color:var(--muted);padding:.8rem 0}
        @media (max-width:760px){
          main{padding:.6rem}.grid2{grid-template-columns:1fr}
          .wide{display:none}
          .gantt .row{grid-template-columns:1fr;gap:.15rem}.gantt .axis{margin-left:0}
          dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.3rem}
          th,td{padding:.4rem .35rem}
        }
        """;
}
