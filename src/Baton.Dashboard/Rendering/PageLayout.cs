using System.Globalization;
using System.Text;

namespace Baton.Dashboard;

/// <summary>
/// The frame every dashboard page shares: header with navigation, inline styles, and the inline script; and the shell a
/// page's address answers with where the pages themselves need a key (see <see cref="DashboardApi.Shell"/>).
/// </summary>
internal static class PageLayout
{
    public static string Render(string title, string active, string body, DashboardLinks links, int refreshSeconds)
    {
        var html = new StringBuilder(16 * 1024);
        Open(html, title, links, refreshSeconds, shell: false);
        html.Append("<header class=\"top\"><a class=\"brand\" href=\"").Append(Html.E(links.Runs())).Append("\">Baton</a><nav>");
        foreach (var (key, label, href) in new[] { ("runs", "Runs", links.Runs()), ("approvals", "Approvals", links.Approvals()), ("spend", "Spend", links.Spend()), ("start", "Start run", links.Page("/start")) })
        {
            html.Append("<a id=\"nav-").Append(key).Append("\" href=\"").Append(Html.E(href)).Append('"')
                .Append(key == active ? " class=\"active\" aria-current=\"page\"" : string.Empty).Append('>').Append(label).Append("</a>");
        }

        html.Append("</nav><span id=\"refresh-state\" class=\"muted\"></span>");
        if (links.User is { } user)
        {
            html.Append("<span id=\"signed-in\" class=\"user\" title=\"Signed in through App Service authentication").Append(user.Provider is null ? string.Empty : " (" + Html.E(user.Provider) + ")")
                .Append("\">").Append(Html.E(user.Name)).Append("</span>");
        }

        if (links.DataRoot is not null)
        {
            // Behind a shell the key lives in the browser (this tab or this device); this drops it and shows the sign-in form.
            html.Append("<button type=\"button\" id=\"forget-key\" class=\"forget\" title=\"Remove the dashboard key from this tab and this device\">Forget key</button>");
        }

        html.Append("</header><main>").Append(body).Append("</main>");
        return Close(html);
    }

    /// <summary>
    /// The page every address answers with when the pages need a key: the same bytes for every path (nothing read from
    /// storage, not the path either), a loading note, and the sign-in form the script reveals when it has no key or the
    /// key is refused.
    /// </summary>
    public static string Shell(DashboardLinks links, int refreshSeconds)
    {
        var html = new StringBuilder(16 * 1024);
        Open(html, "Dashboard", links, refreshSeconds, shell: true);
        html.Append("<header class=\"top\"><a class=\"brand\" href=\"").Append(Html.E(links.Runs())).Append("\">Baton</a>")
            .Append("<span id=\"refresh-state\" class=\"muted\"></span></header><main>")
            .Append("<section class=\"card\" id=\"shell-loading\"><p class=\"muted\">Loading the dashboard…</p></section>")
            .Append(SignIn)
            .Append("</main>");
        return Close(html);
    }

    private static void Open(StringBuilder html, string title, DashboardLinks links, int refreshSeconds, bool shell)
    {
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">")
            .Append("<title>").Append(Html.E(title)).Append(" · Baton</title><style>").Append(Styles).Append(AgentCallStyles.Css).Append("</style></head>")
            .Append("<body data-refresh-seconds=\"").Append(refreshSeconds.ToString(CultureInfo.InvariantCulture))
            .Append("\" data-root=\"").Append(Html.E(links.Root)).Append('"');
        if (links.DataRoot is not null)
        {
            html.Append(" data-fetch-root=\"").Append(Html.E(links.DataRoot)).Append('"');
        }

        html.Append(shell ? " data-shell=\"true\">" : ">");
    }

    private static string Close(StringBuilder html) =>
        html.Append("<script>").Append(DashboardScript.Source).Append("</script><script>").Append(StartView.ScriptSource).Append("</script></body></html>").ToString();

    // Posted, not a GET form: should the script not run, the key goes nowhere near an address bar or a log of URLs.
    private const string SignIn = """
        <section class="card sign-in" id="sign-in" hidden><h1>Sign in to the dashboard</h1>
        <p id="sign-in-message" role="alert" hidden></p>
        <form id="sign-in-form" method="post" autocomplete="off">
        <label for="sign-in-key">Dashboard key: the function key of the Dashboard function or the host key</label>
        <input id="sign-in-key" name="key" type="password" autocomplete="current-password" spellcheck="false" required>
        <p class="muted small">Find it with <code>az functionapp function keys list -g &lt;resource-group&gt; -n &lt;function-app&gt; --function-name Dashboard</code>
        (or <code>az functionapp keys list -g &lt;resource-group&gt; -n &lt;function-app&gt;</code> for the host key), or in the Azure portal:
        the function app, Functions, Dashboard, Function Keys (App keys for the host key). On the local host it is one of <code>Baton:Host:Keys</code>.</p>
        <fieldset class="remember"><legend>Keep the key</legend>
        <label><input type="radio" name="remember" value="tab" checked> for this tab only</label>
        <label><input type="radio" name="remember" value="device"> remember on this device</label></fieldset>
        <p class="muted small">The key is kept in this browser and sent only as a header; it never goes into the address bar, a link or a bookmark.</p>
        <button type="submit" id="sign-in-submit">Open the dashboard</button>
        </form></section>
        """;

    // Colours are variables so that dark mode (following the system) only swaps the palette. Under 640px the runs
    // table becomes one card per run, so a phone never scrolls sideways.
    private const string Styles = """
        :root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--accent:#4f46e5;--ok:#059669;--bad:#dc2626;--warn:#d97706;--run:#2563eb;
          --head:#111827;--head-ink:#d1d5db;--head-active:#374151;--hover:#fafafa;--field:#fff;--field-line:#d1d5db;--code:#f3f4f6;--track:#f3f4f6;--fail-bg:#fef2f2;--fail-ink:#991b1b;
          --b-neutral:#e5e7eb;--b-neutral-ink:#374151;--b-run:#dbeafe;--b-run-ink:#1e40af;--b-ok:#d1fae5;--b-ok-ink:#065f46;--b-bad:#fee2e2;--b-bad-ink:#991b1b;
          --b-wait:#fef3c7;--b-wait-ink:#92400e;--b-susp:#ede9fe;--b-susp-ink:#5b21b6;--b-can:#e0f2fe;--b-can-ink:#075985;--child:#f9fafb;--button:#4f46e5}
        @media (prefers-color-scheme:dark){:root{--bg:#0f1115;--card:#171a21;--ink:#e5e7eb;--muted:#9ca3af;--line:#2a2f3a;--accent:#8b93ff;--ok:#34d399;--bad:#f87171;--warn:#fbbf24;--run:#60a5fa;
          --head:#0b0d11;--head-ink:#cbd5e1;--head-active:#262b36;--hover:#1d212a;--field:#11141a;--field-line:#3a4150;--code:#0f1218;--track:#232834;--fail-bg:#2a1416;--fail-ink:#fca5a5;
          --b-neutral:#2a2f3a;--b-neutral-ink:#d1d5db;--b-run:#1e2f52;--b-run-ink:#bfdbfe;--b-ok:#0f3a2e;--b-ok-ink:#a7f3d0;--b-bad:#3f1a1d;--b-bad-ink:#fecaca;
          --b-wait:#3d2f0c;--b-wait-ink:#fde68a;--b-susp:#2e2350;--b-susp-ink:#ddd6fe;--b-can:#0c2f40;--b-can-ink:#bae6fd;--child:#1a1e26;--button:#4f46e5}}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
        a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
        header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.25rem;padding:.6rem 1rem;background:var(--head);color:#fff}
        header.top .brand{color:#fff;font-weight:700;font-size:1.1rem;letter-spacing:.02em}
        header.top nav{display:flex;gap:.25rem;flex-wrap:wrap}
        header.top nav a{color:var(--head-ink);padding:.3rem .7rem;border-radius:6px}
        header.top nav a.active,header.top nav a:hover{background:var(--head-active);color:#fff;text-decoration:none}
        header.top #refresh-state{margin-left:auto;color:#9ca3af;font-size:.8rem}
        header.top button.forget{background:transparent;border:1px solid #374151;color:var(--head-ink);font-size:.75rem;padding:.05rem .5rem;border-radius:999px}
        header.top .user{color:var(--head-ink);font-size:.8rem;border:1px solid #374151;border-radius:999px;padding:.1rem .6rem;overflow-wrap:anywhere}
        main{max-width:1200px;margin:0 auto;padding:1rem}
        h1{font-size:1.35rem;margin:.2rem 0 1rem;word-break:break-all}h2{font-size:1.05rem;margin:0 0 .6rem}
        section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem;margin-bottom:1rem;overflow:hidden}
        .muted{color:var(--muted)}.small{font-size:.85rem}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.45rem .55rem;border-bottom:1px solid var(--line);vertical-align:top}
        th{font-weight:600;color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
        td.num,th.num{text-align:right;white-space:nowrap}td.nowrap{white-space:nowrap}
        tr:hover td{background:var(--hover)}
        code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        .badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.78rem;font-weight:600;background:var(--b-neutral);color:var(--b-neutral-ink);white-space:nowrap}
        .st-running,.ts-running{background:var(--b-run);color:var(--b-run-ink)}.st-completed,.ts-completed,.ts-approved{background:var(--b-ok);color:var(--b-ok-ink)}
        .st-failed,.ts-failed,.ts-rejected{background:var(--b-bad);color:var(--b-bad-ink)}.st-terminated,.st-canceled,.ts-cancelled{background:var(--b-neutral);color:var(--b-neutral-ink)}
        .st-pending,.ts-nodecision{background:var(--b-wait);color:var(--b-wait-ink)}.st-suspended{background:var(--b-susp);color:var(--b-susp-ink)}.st-continuedasnew{background:var(--b-can);color:var(--b-can-ink)}
        form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end;margin-bottom:.8rem}
        form.filters label{display:flex;flex-direction:column;font-size:.78rem;color:var(--muted);gap:.15rem;min-width:0}
        fieldset.statuses{border:1px solid var(--field-line);border-radius:6px;padding:.2rem .5rem .35rem;margin:0;display:flex;flex-wrap:wrap;gap:.1rem .7rem;font-size:.82rem;max-width:100%}
        fieldset.statuses legend{font-size:.78rem;color:var(--muted);padding:0 .2rem}
        fieldset.statuses label{flex-direction:row;align-items:center;gap:.25rem;color:var(--ink);font-size:.82rem}
        select,input,button,textarea{font:inherit;padding:.35rem .5rem;border:1px solid var(--field-line);border-radius:6px;background:var(--field);color:var(--ink);max-width:100%}
        input[type=checkbox]{padding:0;margin:0}
        select[multiple]{min-height:2.2rem}
        button,.button{cursor:pointer;background:var(--button);color:#fff;border-color:var(--button);display:inline-block;padding:.35rem .8rem;border-radius:6px}
        button.secondary{background:var(--field);color:var(--ink);border-color:var(--field-line)}button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
        button.small{padding:.1rem .45rem;font-size:.75rem}button[disabled]{opacity:.55;cursor:not-allowed}
        .pager{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:.7rem}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
        dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;word-break:break-word}
        .grid2{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
        pre{background:var(--code);border-radius:6px;padding:.6rem;overflow:auto;max-height:22rem;font-size:.8rem;margin:0;white-space:pre-wrap;word-break:break-word}
        .failure{border-left:4px solid var(--bad);background:var(--fail-bg);padding:.6rem .8rem;border-radius:6px}
        .failure .type{font-weight:600;color:var(--fail-ink)}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
        #action-result,#purge-result{font-size:.85rem}
        .ok-text{color:var(--ok)}.bad-text{color:var(--bad)}
        .gantt{font-size:.85rem}
        .gantt .row{display:grid;grid-template-columns:minmax(12rem,34%) 1fr;gap:.6rem;align-items:center;padding:.25rem 0;border-bottom:1px dashed var(--line)}
        .gantt .label{min-width:0}.gantt .label .name{font-weight:600;word-break:break-word}
        .gantt .label .meta{color:var(--muted);font-size:.78rem;word-break:break-word}
        .gantt .kind{display:inline-block;min-width:4.8rem;font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        .gantt .track{position:relative;height:1.3rem;background:var(--track);border-radius:4px}
        .gantt .bar{position:absolute;top:.15rem;bottom:.15rem;min-width:3px;border-radius:3px;background:#64748b}
        .gantt .bar.point{width:3px!important;background:var(--ink)}
        .gantt .dur{position:absolute;right:.3rem;top:0;line-height:1.3rem;font-size:.72rem;color:var(--muted)}
        .k-agent .bar{background:#6366f1}.k-tool .bar{background:#0ea5e9}.k-notification .bar{background:#a855f7}.k-approval .bar{background:#f59e0b}
        .k-timer .bar{background:#94a3b8}.k-subworkflow .bar{background:#10b981}.k-activity .bar{background:#64748b}.k-lifecycle .bar{background:#ef4444}
        .s-failed .bar{background:repeating-linear-gradient(45deg,#dc2626 0 6px,#f87171 6px 12px)}
        .s-running .bar{opacity:.75;animation:pulse 1.6s ease-in-out infinite}
        @keyframes pulse{50%{opacity:.45}}
        .retry{background:var(--b-bad);color:var(--b-bad-ink)}
        .gantt .axis{display:flex;justify-content:space-between;color:var(--muted);font-size:.75rem;margin-left:calc(min(34%,100%) + .6rem)}
        .legend{display:flex;flex-wrap:wrap;gap:.8rem;font-size:.75rem;color:var(--muted);margin-top:.6rem}
        .legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
        #history tr.minor{display:none}#history.all tr.minor{display:table-row}
        details summary{cursor:pointer;color:var(--accent)}
        .chart svg{width:100%;min-width:560px;height:auto;display:block}
        .chart svg text{fill:var(--ink)}
        td.step{max-width:24rem;word-break:break-word}
        a.run-link{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.82rem;overflow-wrap:anywhere;word-break:break-all}
        td.run{min-width:12rem}.run-id{display:flex;align-items:flex-start;gap:.3rem}
        button.copy{background:transparent;color:var(--muted);border:1px solid var(--line);padding:0 .35rem;font-size:.72rem;line-height:1.4;flex:none}
        button.copy.copied{color:var(--ok);border-color:var(--ok)}
        tr.child td{background:var(--child)}tr.child td.run{padding-left:calc(.55rem + var(--depth,1) * 1.1rem)}
        tr.child td.run .run-id::before{content:"↳";color:var(--muted)}
        .rollup{display:block;font-size:.72rem;color:var(--muted);white-space:nowrap}
        .parent-note{display:block;font-size:.75rem;color:var(--muted);overflow-wrap:anywhere}
        td.acts{width:1%}td.acts button{display:block;width:100%;margin:0 0 .25rem;white-space:nowrap}
        .purge{border-top:1px solid var(--line);margin-top:.8rem;padding-top:.6rem}
        .purge .confirm{margin-top:.5rem;padding:.6rem;border:1px solid var(--bad);border-radius:6px;background:var(--fail-bg)}
        .totals{display:flex;flex-wrap:wrap;gap:1.5rem;margin-bottom:.8rem}.totals div{font-size:1.3rem;font-weight:700}.totals span{display:block;font-size:.75rem;color:var(--muted);font-weight:400}
        .empty{color:var(--muted);padding:.8rem 0}
        section.sign-in{max-width:40rem;margin:2rem auto}section.sign-in form{display:flex;flex-direction:column;gap:.5rem;align-items:flex-start}
        section.sign-in label[for]{font-weight:600}section.sign-in input[type=password]{width:100%}
        fieldset.remember{border:1px solid var(--field-line);border-radius:6px;display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:0}
        fieldset.remember legend{font-size:.78rem;color:var(--muted)}fieldset.remember label{display:flex;gap:.3rem;align-items:center}
        @media (max-width:760px){
          main{padding:.6rem}.grid2{grid-template-columns:1fr}
          .wide{display:none}
          .gantt .row{grid-template-columns:1fr;gap:.15rem}.gantt .axis{margin-left:0}
          dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.3rem}
          th,td{padding:.4rem .35rem}
          header.top{padding:.5rem .6rem;gap:.4rem .8rem}header.top #refresh-state{margin-left:0}
          .chart svg{min-width:0}
        }
        @media (max-width:640px){
          #runs-table thead{display:none}
          #runs-table,#runs-table tbody,#runs-table tr,#runs-table td{display:block;width:100%}
          #runs-table tr{border-bottom:1px solid var(--line);padding:.4rem 0}
          #runs-table td{border:0;padding:.12rem .2rem;text-align:left;white-space:normal}
          #runs-table td.wide{display:none}
          #runs-table td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.75rem}
          #runs-table td.acts{width:100%}#runs-table td.acts button{display:inline-block;width:auto;margin:0 .3rem .2rem 0}
          #runs-table tr.child td.run{padding-left:calc(.2rem + var(--depth,1) * .8rem)}
          .scroll{overflow-x:visible}
          form.filters > *{flex:1 1 100%}
        }
        """;
}
