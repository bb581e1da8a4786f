using System.Net;
using System.Text.Json;
using Baton.Functions.Functions;
using Baton.Http;
using Baton.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using DfClient = Microsoft.DurableTask.Client;
using static Baton.Functions.Tests.DurableFakes;

namespace Baton.Functions.Tests;

/// <summary>The catalog functions and start validation on Functions, over the app's own container (C# and YAML workflows).</summary>
public sealed class WorkflowCatalogFunctionsTests
{
    private const string Base = "https://func-abc123.azurewebsites.net/api/";

    private static ServiceProvider AppServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Baton:Approvals:SigningKey"] = "a-signing-key-of-at-least-thirty-two-bytes!",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddBatonFunctionsApp(configuration, Path.Combine(AppContext.BaseDirectory, "workflows"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task ListWorkflows_CSharpAndYamlWorkflowsWithTheirInputSchemas()
    {
        await using var services = AppServices();
        var endpoints = ActivatorUtilities.CreateInstance<WorkflowCatalogEndpoints>(services);
        var context = FakeHttpRequest.Context();

        var reply = (FakeHttpResponse)await endpoints.List(new FakeHttpRequest(context, "GET", Base + "workflows"));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        using var body = JsonDocument.Parse(reply.Text);
        var workflows = body.RootElement.GetProperty("workflows").EnumerateArray().ToDictionary(w => w.GetProperty("name").GetString()!);
        Assert.Equal("csharp", workflows[WorkflowNames.ResearchReport].GetProperty("kind").GetString());
        var yaml = workflows["research-report-yaml"];
        Assert.Equal("yaml", yaml.GetProperty("kind").GetString());
        Assert.Equal(["topic", "approvers"], yaml.GetProperty("inputSchema").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task GetWorkflow_OneByNameAnd404ForAnUnknownOne_SameAsTheLocalHost()
    {
        await using var services = AppServices();
        var endpoints = ActivatorUtilities.CreateInstance<WorkflowCatalogEndpoints>(services);
        var catalog = services.GetRequiredService<WorkflowCatalog>();
        var context = FakeHttpRequest.Context();

        var one = (FakeHttpResponse)await endpoints.Get(new FakeHttpRequest(context, "GET", Base + "workflows/support-triage"), "support-triage");
        var unknown = (FakeHttpResponse)await endpoints.Get(new FakeHttpRequest(context, "GET", Base + "workflows/nope"), "nope");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(WorkflowCatalogApi.Get(catalog, "support-triage").Body, one.Text);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpReply.ProblemJson, unknown.Header("Content-Type"));
        Assert.Contains("knownWorkflows", unknown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartWorkflow_YamlInputBreakingItsDeclaredTypes_400NamingTheFieldsAndNothingScheduled()
    {
        await using var services = AppServices();
        var starts = new WorkflowStarts(services.GetRequiredService<WorkflowCatalog>(), Runner);
        var client = new Mock<DfClient.DurableTaskClient>(MockBehavior.Strict, "test");
        var context = FakeHttpRequest.Context();

        var reply = (FakeHttpResponse)await starts.Start(
            new FakeHttpRequest(context, "POST", Base + "workflows/research-report-yaml", """{"topic":"Pricing","approvers":["ann@example.com","bob"]}"""),
            "research-report-yaml", client.Object, context);

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        using var body = JsonDocument.Parse(reply.Text);
        Assert.Equal("'bob' is not an email address.", body.RootElement.GetProperty("errors").GetProperty("$.approvers[1]")[0].GetString());
    }
}
