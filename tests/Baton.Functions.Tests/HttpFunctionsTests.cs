using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Baton.Agents;
using Baton.Approvals;
using Baton.Functions.Functions;
using Baton.Http;
using Baton.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using DfClient = Microsoft.DurableTask.Client;
using static Baton.Functions.Tests.DurableFakes;

namespace Baton.Functions.Tests;

/// <summary>The HTTP functions with requests as the worker delivers them: headers, cookies and bodies reach Baton.Http intact.</summary>
public sealed partial class HttpFunctionsTests
{
    private const string Base = "https://func-abc123.azurewebsites.net/api/";

    private static ApprovalEndpoints Endpoints(ApprovalTokenService tokens, IApprovalLedger? ledger = null) =>
        new(Runner, tokens, new ApprovalAntiforgery(), ledger ?? Ledger(), Microsoft.Extensions.Options.Options.Create(new ApprovalDeciderOptions()), Clock, NullLoggerFactory.Instance);

    [Fact]
    public async Task ApprovalPageThenFormPost_WithTheCookieAndField_RecordsTheDecision()
    {
        var tokens = Tokens();
        var token = Token(tokens);
        var client = Client(DfClient.OrchestrationRuntimeStatus.Running, WaitingHistory());
        object? raised = null;
        client.Setup(c => c.RaiseEventAsync(InstanceId, EventName, It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, object? payload, CancellationToken _) => raised = payload)
            .Returns(Task.CompletedTask);
        var endpoints = Endpoints(tokens);
        var context = FakeHttpRequest.Context();

        var page = (FakeHttpResponse)await endpoints.Page(new FakeHttpRequest(context, "GET", Base + "approvals/" + token), token, client.Object, context);
        var cookie = page.Header("Set-Cookie")!.Split(';')[0];
        var field = AntiforgeryField().Match(page.Text).Groups[1].Value;
        var post = new FakeHttpRequest(context, "POST", Base + "approvals/" + token, $"__antiforgery={Uri.EscapeDataString(field)}&decision=approve&comment=Fine",
            ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "other=1; " + cookie));
        var decided = (FakeHttpResponse)await endpoints.Decide(post, token, client.Object, context);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("text/html", page.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("no-store", page.Header("Cache-Control"));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("Approved", decided.Text, StringComparison.Ordinal);
        Assert.Equal("Fine", ((JsonElement)raised!).GetProperty("comment").GetString());
    }

    [Fact]
    public async Task FormPost_WithoutTheCookie_Is400AndRaisesNothing()
    {
        var tokens = Tokens();
        var token = Token(tokens);
        var client = Client(DfClient.OrchestrationRuntimeStatus.Running, WaitingHistory());
        var context = FakeHttpRequest.Context();
        var post = new FakeHttpRequest(context, "POST", Base + "approvals/" + token, "__antiforgery=x&decision=approve", ("Content-Type", "application/x-www-form-urlencoded"));

        var reply = (FakeHttpResponse)await Endpoints(tokens).Decide(post, token, client.Object, context);

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task PendingApprovals_ListsTheWaitingRequestFromTheLedgerAsJson()
    {
        var tokens = Tokens();
        var client = new Mock<DfClient.DurableTaskClient>(MockBehavior.Strict, "test");
        var context = FakeHttpRequest.Context();

        var reply = (FakeHttpResponse)await Endpoints(tokens).Pending(new FakeHttpRequest(context, "GET", Base + "approvals?status=pending&approver=ann%40example.com"), client.Object, context);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        using var list = JsonDocument.Parse(reply.Text);
        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(EventName, item.GetProperty("eventName").GetString());
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.Equal("research-report", item.GetProperty("workflow").GetString());
    }

    [Fact]
    public async Task StartWorkflow_UnknownWorkflowOrBadBody_ProblemDetailsNamingWhatToFix()
    {
        var services = new ServiceCollection().AddBatonWorkflows().BuildServiceProvider();
        var starts = new WorkflowStarts(services.GetRequiredService<WorkflowCatalog>(), Runner);
        var client = new Mock<DfClient.DurableTaskClient>(MockBehavior.Strict, "test");
        var context = FakeHttpRequest.Context();

        var unknown = (FakeHttpResponse)await starts.Start(new FakeHttpRequest(context, "POST", Base + "workflows/nope", "{}"), "nope", client.Object, context);
        var badBody = (FakeHttpResponse)await starts.Start(new FakeHttpRequest(context, "POST", Base + "workflows/" + WorkflowNames.ResearchReport, "{\"topic\":"), WorkflowNames.ResearchReport, client.Object, context);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpReply.ProblemJson, unknown.Header("Content-Type"));
        Assert.Contains("nope", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal(HttpReply.ProblemJson, badBody.Header("Content-Type"));
    }

    [Fact]
    public async Task WeeklyReportTimer_StartsTheOccurrencesInstanceOnce()
    {
        var services = new ServiceCollection().AddBatonWorkflows().BuildServiceProvider();
        var starts = new WorkflowStarts(services.GetRequiredService<WorkflowCatalog>(), Runner);
        var started = new List<(string Name, string? InstanceId, string Input)>();
        var client = new Mock<DfClient.DurableTaskClient>(MockBehavior.Loose, "test") { CallBase = true };
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<Microsoft.DurableTask.TaskName>(), It.IsAny<object?>(), It.IsAny<Microsoft.DurableTask.StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((Microsoft.DurableTask.TaskName name, object? input, Microsoft.DurableTask.StartOrchestrationOptions? options, CancellationToken _) =>
            {
                started.Add((name.Name, options?.InstanceId, ((JsonElement)input!).GetRawText()));
                client.Setup(c => c.GetInstancesAsync(options!.InstanceId!, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
                    .ReturnsAsync(new DfClient.OrchestrationMetadata(name.Name, options!.InstanceId!) { RuntimeStatus = DfClient.OrchestrationRuntimeStatus.Running });
            })
            .ReturnsAsync((Microsoft.DurableTask.TaskName _, object? _, Microsoft.DurableTask.StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);
        var context = FakeHttpRequest.Context();

        await starts.WeeklyReport(new Microsoft.Azure.Functions.Worker.TimerInfo(), client.Object, context);
        await starts.WeeklyReport(new Microsoft.Azure.Functions.Worker.TimerInfo { IsPastDue = true }, client.Object, context);

        var (name, instanceId, input) = Assert.Single(started);
        Assert.Equal(WorkflowNames.WeeklyReport, name);
        Assert.Matches("^weekly-report-[0-9]{8}T080000Z$", instanceId);
        Assert.Contains("weekStart", input, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
