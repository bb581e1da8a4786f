using System.Text.Json;
using Baton.Agents;
using Baton.Approvals;
using Baton.Functions.Functions;
using Baton.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// An approval decided the way a person decides it on Azure: a POST on the signed link, answered by the app's own
/// approval function over Durable's client, with the run on Durable's own engine. The decision goes through the
/// approvals ledger (no history is read) and the run follows it.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class ApprovalLinkConformanceTests
{
    [Fact]
    public async Task ResearchReport_ApprovedThroughTheLinkFunction_PublishesOnDurable()
    {
        var scenario = new ConformanceScenario(WorkflowNames.ResearchReport, new ResearchReportInput("Competitor pricing", ["ann@example.com"]) { SourcePrefix = "sources/pricing/" });
        await using var durable = await DurableFunctionsEngine.StartAsync(scenario);
        var start = durable.Services.GetRequiredService<WorkflowCatalog>().Get(scenario.Workflow).Start(scenario.Input);
        await durable.StartAsync(start.Orchestrator, start.Input, ConformanceDriver.InstanceId);
        var request = await Baton.Testing.Eventually.UntilAsync(
            () => Task.FromResult(durable.Notifier.Notifications.FirstOrDefault(n => n.Kind == ApprovalNotificationKind.Requested)),
            n => n is not null,
            "the approval request",
            TimeSpan.FromSeconds(60));
        var token = durable.Services.GetRequiredService<IApprovalTokenService>().Create(
            new ApprovalTokenClaims(ConformanceDriver.InstanceId, request!.Request.EventName, "ann@example.com", DateTimeOffset.UtcNow.AddHours(1), "link-1"));
        var endpoints = ActivatorUtilities.CreateInstance<ApprovalEndpoints>(durable.Services);
        var context = FunctionsWorkerParts.FunctionContext(durable.Services, CancellationToken.None);

        var post = new FakeHttpRequest(context, "POST", "http://localhost:7071/api/approvals/" + token, "{\"approved\":true,\"comment\":\"Ship it.\"}", ("Content-Type", "application/json"));
        var reply = (FakeHttpResponse)await endpoints.Decide(post, token, durable.Client, context);
        var again = (FakeHttpResponse)await endpoints.Decide(
            new FakeHttpRequest(context, "POST", "http://localhost:7071/api/approvals/" + token, "{\"approved\":false}", ("Content-Type", "application/json")), token, durable.Client, context);
        var run = await Baton.Testing.Eventually.UntilAsync(() => durable.FinishedAsync(ConformanceDriver.InstanceId), r => r is not null, "the run to finish", TimeSpan.FromSeconds(60));

        Assert.Equal(200, (int)reply.StatusCode);
        Assert.Equal(409, (int)again.StatusCode);
        Assert.Equal("Completed", run!.Status);
        using var output = JsonDocument.Parse(run.Output!);
        Assert.Equal("Published", output.RootElement.GetProperty("outcome").GetString());
        var decision = Assert.Single(output.RootElement.GetProperty("decisions").EnumerateArray());
        Assert.Equal("ann@example.com", decision.GetProperty("approver").GetString());
        Assert.Equal("Ship it.", decision.GetProperty("comment").GetString());
    }
}
