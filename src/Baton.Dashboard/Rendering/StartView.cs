using System.Text;
using System.Text.Json;
using Baton.Workflows;

namespace Baton.Dashboard;

/// <summary>
/// The "Start run" pages: the list of workflows that can be started, and for one workflow a form generated from its
/// input JSON Schema (text, number, choice, one-item-per-line list, checkbox, JSON for anything else), posted as JSON
/// to the start API; the 400's field errors are shown next to their fields (see <c>dashboard.js</c>).
/// </summary>
internal static class StartView
{
    public static string List(IReadOnlyList<WorkflowDescriptor> workflows, DashboardLinks links)
    {
        var html = new StringBuilder("<h1>Start a run</h1><section class=\"card\">");
        if (workflows.Count == 0)
        {
            return html.Append("<p class=\"empty\">No workflows are registered.</p></section>").ToString();
        }

        html.Append("<table id=\"start-workflows\"><thead><tr><th>Workflow</th><th>Kind</th><th>What it does</th></tr></thead><tbody>");
        foreach (var workflow in workflows)
        {
            html.Append("<tr><td><a class=\"start-link\" href=\"").Append(Html.E(links.Page("/start/" + Uri.EscapeDataString(workflow.Name)))).Append("\">")
                .Append(Html.E(workflow.Name)).Append("</a></td><td>").Append(workflow.IsDeclarative ? "YAML" : "C#")
                .Append("</td><td>").Append(Html.E(workflow.Description)).Append("</td></tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }

    public static string Form(WorkflowDescriptor workflow, DashboardLinks links, string startUrl)
    {
        using var schema = JsonDocument.Parse(workflow.GetInputSchema().GetRawText());
        var root = schema.RootElement;
        var required = root.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Select(n => n.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var html = new StringBuilder();
        html.Append("<h1>Start ").Append(Html.E(workflow.Name)).Append("</h1>")
            .Append("<p class=\"muted\">").Append(Html.E(workflow.Description)).Append(" <a href=\"").Append(Html.E(links.Page("/start")))
            .Append("\">« All workflows</a></p><section class=\"card\">")
            .Append("<form id=\"start-form\" class=\"start-form\" method=\"post\" novalidate data-start-url=\"").Append(Html.E(startUrl))
            .Append("\" data-run-url=\"").Append(Html.E(links.Run("__id__"))).Append("\">")
            .Append("<div id=\"start-result\" role=\"status\"></div>");
        var fields = root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().ToList()
            : [];
        if (fields.Count == 0)
        {
            html.Append(Field("$", "input", "json", "The whole input as a JSON object.", required: true, "{}", null));
        }

        foreach (var field in fields)
        {
            html.Append(FieldFor(field.Name, field.Value, required.Contains(field.Name)));
        }

        return html.Append("<div class=\"actions\"><button type=\"submit\" id=\"start-submit\">Start run</button>")
            .Append("<span class=\"muted small\">Fields marked * are required. Lists take one item per line.</span></div></form></section>")
            .Append("<style>").Append(Styles).Append("</style>")
            .ToString();
    }

    private static string FieldFor(string name, JsonElement rule, bool required)
    {
        var type = TypeOf(rule);
        var description = rule.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var value = rule.TryGetProperty("default", out var fallback) ? fallback : (JsonElement?)null;
        var enumValues = rule.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList() : null;
        if (enumValues is { Count: > 0 })
        {
            return Field(name, "select", "text", description, required, value?.ValueKind == JsonValueKind.String ? value.Value.GetString() : null, enumValues);
        }

        return type switch
        {
            "string" => Field(name, "input", "text", Hint(rule, description), required, value?.ValueKind == JsonValueKind.String ? value.Value.GetString() : null, null),
            "integer" or "number" => Field(name, "number", type, Hint(rule, description), required, value?.ValueKind == JsonValueKind.Number ? value.Value.GetRawText() : null, null),
            "boolean" => Field(name, "checkbox", "boolean", description, required, value?.ValueKind == JsonValueKind.True ? "true" : null, null),
            "array" when rule.TryGetProperty("items", out var items) && TypeOf(items) is "string" or "integer" or "number" =>
                Field(name, "lines", "lines-" + TypeOf(items), Hint(items, description), required, value?.ValueKind == JsonValueKind.Array ? string.Join("\n", value.Value.EnumerateArray().Select(v => v.ToString())) : null, null),
            _ => Field(name, "json", "json", (description is null ? string.Empty : description + " ") + "(JSON)", required, value?.GetRawText(), null),
        };
    }

    private static string? TypeOf(JsonElement rule)
    {
        if (!rule.TryGetProperty("type", out var type))
        {
            return null;
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString(),
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not null and not "null"),
            _ => null,
        };
    }

    private static string? Hint(JsonElement rule, string? description)
    {
        var hints = new List<string>();
        if (description is not null)
        {
            hints.Add(description);
        }

        if (rule.TryGetProperty("format", out var format) && format.GetString() == "email")
        {
            hints.Add("Email address.");
        }

        if (rule.TryGetProperty("$comment", out var comment) && comment.GetString()?.Contains("TimeSpan", StringComparison.Ordinal) == true)
        {
            hints.Add("A duration such as 2.00:00:00 (days.hours:minutes:seconds).");
        }

        var min = rule.TryGetProperty("minimum", out var lo) ? lo.GetRawText() : null;
        var max = rule.TryGetProperty("maximum", out var hi) ? hi.GetRawText() : null;
        if (min is not null || max is not null)
        {
            hints.Add(min is not null && max is not null ? $"From {min} to {max}." : min is not null ? $"At least {min}." : $"At most {max}.");
        }

        return hints.Count == 0 ? null : string.Join(" ", hints);
    }

    private static string Field(string name, string control, string kind, string? hint, bool required, string? value, IReadOnlyList<string>? choices)
    {
        var id = "f-" + string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        var html = new StringBuilder("<div class=\"field\" data-field=\"").Append(Html.E(name)).Append("\" data-kind=\"").Append(kind)
            .Append("\" data-required=\"").Append(required ? "true" : "false").Append("\">")
            .Append("<label for=\"").Append(id).Append("\">").Append(Html.E(name)).Append(required ? " *" : string.Empty).Append("</label>");
        switch (control)
        {
            case "select":
                html.Append("<select id=\"").Append(id).Append("\" name=\"").Append(Html.E(name)).Append("\"><option value=\"\">").Append(required ? "(choose)" : "(default)").Append("</option>");
                foreach (var choice in choices!)
                {
                    html.Append("<option").Append(choice == value ? " selected" : string.Empty).Append('>').Append(Html.E(choice)).Append("</option>");
                }

                html.Append("</select>");
                break;
            case "number":
                html.Append("<input type=\"number\" id=\"").Append(id).Append("\" name=\"").Append(Html.E(name)).Append("\" step=\"")
                    .Append(kind == "integer" ? "1" : "any").Append("\" value=\"").Append(Html.E(value)).Append("\">");
                break;
            case "checkbox":
                html.Append("<input type=\"checkbox\" id=\"").Append(id).Append("\" name=\"").Append(Html.E(name)).Append('"').Append(value == "true" ? " checked" : string.Empty).Append('>');
                break;
            case "lines" or "json":
                html.Append("<textarea id=\"").Append(id).Append("\" name=\"").Append(Html.E(name)).Append("\" rows=\"").Append(control == "json" ? "4" : "3")
                    .Append("\">").Append(Html.E(value)).Append("</textarea>");
                break;
            default:
                html.Append("<input type=\"text\" id=\"").Append(id).Append("\" name=\"").Append(Html.E(name)).Append("\" value=\"").Append(Html.E(value)).Append("\">");
                break;
        }

        if (hint is not null)
        {
            html.Append("<span class=\"hint muted small\">").Append(Html.E(hint)).Append("</span>");
        }

        return html.Append("<span class=\"field-error\" role=\"alert\"></span></div>").ToString();
    }

    /// <summary>
    /// The start API URL of <paramref name="workflow"/> beside the dashboard at <paramref name="dashboardRoot"/>: the local
    /// host serves the dashboard at <c>{base}/dashboard</c> and starts at <c>{base}/api/workflows</c>, the Functions app
    /// serves it at <c>/api/dashboard</c> and starts at <c>/api/workflows</c>. No key: the page script sends the
    /// dashboard's own as a header.
    /// </summary>
    public static string StartUrl(string dashboardRoot, string workflow)
    {
        var root = (dashboardRoot ?? string.Empty).TrimEnd('/');
        var parent = root.Contains('/', StringComparison.Ordinal) ? root[..root.LastIndexOf('/')] : string.Empty;
        var api = parent.EndsWith("/api", StringComparison.OrdinalIgnoreCase) ? parent : parent + "/api";
        return api + "/workflows/" + Uri.EscapeDataString(workflow);
    }

    private const string Styles = """
        form.start-form .field{display:flex;flex-direction:column;gap:.2rem;margin-bottom:.8rem;max-width:40rem}
        form.start-form label{font-weight:600}form.start-form textarea{font:inherit;padding:.35rem .5rem;border:1px solid #d1d5db;border-radius:6px}
        form.start-form .field.invalid input,form.start-form .field.invalid textarea,form.start-form .field.invalid select{border-color:var(--bad)}
        form.start-form .field-error{color:var(--bad);font-size:.85rem}form.start-form .field-error:empty{display:none}
        #start-result{margin-bottom:.8rem}#start-result:empty{display:none}#start-result.started{color:var(--ok)}
        """;

    /// <summary>The form's script; every page carries it (pages are swapped in place, and scripts in them do not run).</summary>
    public static string ScriptSource => Script.Value;

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(StartView).Assembly.GetManifestResourceStream("Baton.Dashboard.start-form.js")
            ?? throw new InvalidOperationException("The start form script is missing from Baton.Dashboard's resources; rebuild the project.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
