namespace Baton.Dashboard;

/// <summary>Styles of the run page's agent calls and transcript, over the layout's colour variables.</summary>
internal static class AgentCallStyles
{
    public const string Css = """
        .call{border:1px solid var(--line);border-left:4px solid #6366f1;border-radius:8px;padding:.6rem .8rem;margin:.7rem 0;background:var(--card)}
        .call.s-failed{border-left-color:var(--bad)}
        .call header .kind,.toolhead .kind{font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        .call header .meta{color:var(--muted);font-size:.8rem;margin-top:.15rem;word-break:break-word}
        .call details{margin:.45rem 0}.call details>summary{font-size:.85rem}
        .call .role{font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:.35rem 0 .15rem}.call .role code{text-transform:none;letter-spacing:0}
        ol.messages{list-style:none;margin:.3rem 0 0;padding:0;display:flex;flex-direction:column;gap:.4rem}
        ol.messages .msg{border-radius:6px;padding:.35rem .6rem;background:var(--code-bg,#f3f4f6);min-width:0}
        ol.messages .role-assistant{background:var(--assistant-bg,#eef2ff)}ol.messages .role-tool{background:var(--tool-bg,#f0f9ff)}
        .call .reply{margin-top:.4rem}
        .md{word-break:break-word;overflow-wrap:anywhere}.md>:first-child{margin-top:0}.md>:last-child{margin-bottom:0}
        .md p,.md ul,.md ol{margin:.3rem 0}.md pre{max-height:16rem}.md table{width:auto}.md code{font-size:.85em;background:var(--code-bg,#f3f4f6);padding:0 .2rem;border-radius:3px}
        .md h1,.md h2,.md h3,.md h4{font-size:1rem;margin:.5rem 0 .3rem}
        .toolcalls{margin-top:.5rem}
        .toolcall{border:1px solid var(--line);border-left:4px solid #0ea5e9;border-radius:6px;padding:.4rem .6rem;margin:.35rem 0}
        .toolcall.s-failed{border-left-color:var(--bad)}.toolcall.s-nodecision{border-left-color:var(--warn)}
        .toolbody{display:grid;grid-template-columns:1fr 1fr;gap:.6rem}.toolbody>div{min-width:0}
        ol.transcript{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.5rem}
        ol.transcript .turn{border-left:4px solid #6366f1;padding:.3rem .7rem;background:var(--code-bg,#f3f4f6);border-radius:0 6px 6px 0;min-width:0}
        ol.transcript .speaker{font-weight:600;margin-bottom:.15rem}
        ol.transcript .turn.c1{border-left-color:#0ea5e9}ol.transcript .turn.c2{border-left-color:#10b981}ol.transcript .turn.c3{border-left-color:#f59e0b}ol.transcript .turn.c4{border-left-color:#a855f7}ol.transcript .turn.c5{border-left-color:#ef4444}
        ol.transcript .turn.c1 .speaker{color:#0369a1}ol.transcript .turn.c2 .speaker{color:#047857}ol.transcript .turn.c3 .speaker{color:#b45309}ol.transcript .turn.c4 .speaker{color:#7e22ce}ol.transcript .turn.c5 .speaker{color:#b91c1c}
        .call>details>summary{list-style:none;cursor:pointer;color:inherit}.call>details>summary::-webkit-details-marker{display:none}
        .call>details>summary .toggle{float:right;font-size:.75rem;color:var(--accent)}.call>details[open]>summary .toggle .more,.call>details:not([open])>summary .toggle .less{display:none}
        .output-md{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem;margin-bottom:.5rem;max-height:28rem;overflow:auto}
        .failure-text{color:var(--bad)}
        @media (max-width:760px){.toolbody{grid-template-columns:1fr}}
        """;
}
