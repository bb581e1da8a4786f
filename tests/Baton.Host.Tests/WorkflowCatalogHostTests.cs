using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Baton.Testing;

namespace Baton.Host.Tests;

/// <summary>The catalog API and start-time validation on the local host over real HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkflowCatalogHostTests(AzuriteFixture azurite)
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Catalog_ListsCSharpAndYamlWorkflowsWithSchemas_AndGivesOneByName()
    {
        await using var host = await RunningHost.StartAsync(azurite);

        var list = await host.Http.GetFromJsonAsync<JsonElement>("/api/workflows");
        var one = await host.Http.GetFromJsonAsync<JsonElement>("/api/workflows/parallel-review");
        using var unknown = await host.Http.GetAsync("/api/workflows/nope");

        var workflows = list.GetProperty("workflows").EnumerateArray().ToDictionary(w => w.GetProperty("name").GetString()!);
        Assert.Equal("csharp", workflows["research-report"].GetProperty("kind").GetString());
        Assert.Equal("yaml", workflows["support-triage-yaml"].GetProperty("kind").GetString());
        Assert.True(workflows["support-triage-yaml"].GetProperty("inputSchema").GetProperty("properties").TryGetProperty("message", out _));
        Assert.Equal(1, one.GetProperty("inputSchema").GetProperty("properties").GetProperty("reviewers").GetProperty("minItems").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Start_InputsTheWorkflowWouldRejectLater_Are400NamingTheFieldAndStartNothing()
    {
        await using var host = await RunningHost.StartAsync(azurite);

        using var approvers = await host.Http.PostAsync("/api/workflows/research-report?instanceId=bad-approvers", Json("""{"topic":"x","approvers":["ann@example.com","bob"]}"""));
        using var reviewers = await host.Http.PostAsync("/api/workflows/parallel-review?instanceId=bad-reviewers", Json("""{"title":"t","document":"d","reviewers":[]}"""));
        using var yaml = await host.Http.PostAsync("/api/workflows/document-signoff-yaml?instanceId=bad-yaml", Json("""{"title":"t","approvers":[]}"""));
        using var status = await host.Http.GetAsync("/runtime/webhooks/durabletask/instances/bad-approvers");

        Assert.Equal(HttpStatusCode.BadRequest, approvers.StatusCode);
        var approverErrors = (await approvers.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("'bob' is not an email address.", approverErrors.GetProperty("$.approvers[1]")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, reviewers.StatusCode);
        Assert.True((await reviewers.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$.reviewers", out _));
        Assert.Equal(HttpStatusCode.BadRequest, yaml.StatusCode);
        var yamlErrors = (await yaml.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(yamlErrors.TryGetProperty("$.brief", out _));
        Assert.True(yamlErrors.TryGetProperty("$.approvers", out _));
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }
}
