using System.Text.Json.Nodes;
using Baton.Workflows;

namespace Baton.Http;

/// <summary>
/// <c>GET /api/workflows</c> and <c>GET /api/workflows/{name}</c>: what can be started, for people and tools that build
/// start forms. Each workflow with its name, description, kind (<c>csharp</c> or <c>yaml</c>), input and output type
/// names (C# workflows) and its input JSON Schema, the one a start is checked against. 404 listing the known workflows
/// for an unknown name. Both hosts answer through this class. Thread-safe.
/// </summary>
public static class WorkflowCatalogApi
{
    /// <summary>The kind of a workflow written in C#.</summary>
    public const string CSharpKind = "csharp";

    /// <summary>The kind of a declarative (YAML) workflow.</summary>
    public const string YamlKind = "yaml";

    /// <summary>200 with <c>{ "workflows": [ ... ] }</c>, sorted by name.</summary>
    public static HttpReply List(WorkflowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return HttpReply.FromJson(200, new JsonObject
        {
            ["workflows"] = new JsonArray([.. catalog.Workflows.Select(w => (JsonNode)Describe(w))]),
        });
    }

    /// <summary>200 with one workflow's entry; 404 problem details listing the known workflows when there is none by that name.</summary>
    public static HttpReply Get(WorkflowCatalog catalog, string name)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.TryGet(name, out var workflow) ? HttpReply.FromJson(200, Describe(workflow)) : NotFound(catalog, name);
    }

    /// <summary>The 404 for a workflow name the catalog does not have, listing those it has.</summary>
    public static HttpReply NotFound(WorkflowCatalog catalog, string name)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Problems.Create(
            404,
            "Workflow not found.",
            new WorkflowNotFoundException(name, catalog.Names).Message,
            new Dictionary<string, JsonNode?> { ["knownWorkflows"] = new JsonArray([.. catalog.Names.Select(n => (JsonNode)n)]) });
    }

    /// <summary>One workflow's catalog entry as JSON.</summary>
    public static JsonObject Describe(WorkflowDescriptor workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new JsonObject
        {
            ["name"] = workflow.Name,
            ["description"] = workflow.Description,
            ["kind"] = workflow.IsDeclarative ? YamlKind : CSharpKind,
            ["inputType"] = workflow.IsDeclarative ? null : workflow.InputType.Name,
            ["outputType"] = workflow.IsDeclarative ? null : workflow.OutputType.Name,
            ["inputSchema"] = JsonNode.Parse(workflow.GetInputSchema().GetRawText()),
        };
    }
}
