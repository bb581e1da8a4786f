using System.Text.Json;
using Baton.Workflows;

namespace Baton.Http.Tests.Catalog;

public sealed class WorkflowCatalogApiTests
{
    private static readonly WorkflowCatalog Catalog = new(WorkflowCatalog.BuiltIn);

    [Fact]
    public void List_EveryWorkflowWithKindDescriptionAndInputSchema()
    {
        var reply = WorkflowCatalogApi.List(Catalog);

        Assert.Equal(200, reply.StatusCode);
        using var body = JsonDocument.Parse(reply.Body!);
        var workflows = body.RootElement.GetProperty("workflows").EnumerateArray().ToList();
        Assert.Equal(Catalog.Names, workflows.Select(w => w.GetProperty("name").GetString()));
        Assert.All(workflows, w => Assert.Equal("csharp", w.GetProperty("kind").GetString()));
        Assert.All(workflows, w => Assert.Equal("object", w.GetProperty("inputSchema").GetProperty("type").GetString()));
    }

    [Fact]
    public void Get_ResearchReport_SchemaCarriesRequiredEmailsRangesAndDocs()
    {
        var reply = WorkflowCatalogApi.Get(Catalog, "Research-Report");

        using var body = JsonDocument.Parse(reply.Body!);
        var schema = body.RootElement.GetProperty("inputSchema");
        var properties = schema.GetProperty("properties");
        Assert.Equal(["topic", "approvers"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("email", properties.GetProperty("approvers").GetProperty("items").GetProperty("format").GetString());
        Assert.Equal(1, properties.GetProperty("approvers").GetProperty("minItems").GetInt32());
        Assert.Equal(10, properties.GetProperty("maxRevisions").GetProperty("maximum").GetInt32());
        Assert.StartsWith("What the report is about", properties.GetProperty("topic").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["Reject", "Approve", "Fail"], properties.GetProperty("onApprovalTimeout").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ResearchReportInput", body.RootElement.GetProperty("inputType").GetString());
    }

    [Fact]
    public void Get_UnknownWorkflow_404ListingTheKnownOnes()
    {
        var reply = WorkflowCatalogApi.Get(Catalog, "nope");

        Assert.Equal(404, reply.StatusCode);
        using var body = JsonDocument.Parse(reply.Body!);
        Assert.Equal(Catalog.Names, body.RootElement.GetProperty("knownWorkflows").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("'nope'", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
