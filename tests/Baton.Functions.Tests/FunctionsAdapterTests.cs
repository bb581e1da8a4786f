using System.Text.Json;
using Baton.Agents;
using Baton.Approvals;
using Baton.Durable;
using Baton.Functions.Adapter;
using Baton.Http;
using Baton.Workflows.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Core = DurableTask.Core;
using CoreHistory = DurableTask.Core.History;
using DfClient = Microsoft.DurableTask.Client;
using static Baton.Functions.Tests.DurableFakes;

namespace Baton.Functions.Tests;

/// <summary>
/// The Functions adapter over Durable Functions' real client types (mocked at the client's abstract members): history
/// mapping, the adapter client's contract, and the approval endpoints' code answering through it.
/// </summary>
public sealed class FunctionsAdapterTests
{
    private static ApprovalLinkApi Api(DfClient.DurableTaskClient client, ApprovalTokenService tokens, IApprovalLedger? ledger = null)
    {
        var clock = Clock;
        return new(new ApprovalDecider(ledger ?? Ledger(), new FunctionsDurableTaskClient(client, Runner), clock), tokens, new ApprovalAntiforgery(), clock);
    }

    [Fact]
    public void ToBaton_DurableHistory_MapsEachKnownEventAndLeavesTheRestOut()
    {
        var mapped = FunctionsHistory.ToBaton(WaitingHistory());

        Assert.Equal(
            [HistoryEventType.ExecutionStarted, HistoryEventType.OrchestratorStarted, HistoryEventType.TaskScheduled, HistoryEventType.TaskCompleted, HistoryEventType.TimerFired],
            mapped.Select(e => e.EventType));
        Assert.Equal(("research-report", "e1"), (mapped[0].Name, mapped[0].ExecutionId));
        Assert.Equal(AgentActivityNames.NotifyApprovers, mapped[2].Name);
        Assert.Equal(NotificationJson(), mapped[2].Input);
        Assert.Equal((0, "true"), (mapped[3].TaskScheduledId!.Value, mapped[3].Result));
        Assert.Equal(1, mapped[4].TaskScheduledId);
    }

    [Fact]
    public void ToBaton_FailuresAndCompletion_CarryDetailsAndStatus()
    {
        var failure = new Core.FailureDetails("System.TimeoutException", "took too long", "at X", null, false);

        var mapped = FunctionsHistory.ToBaton(
        [
            new CoreHistory.TaskFailedEvent(-1, 3, null, null, failure),
            new CoreHistory.TaskFailedEvent(-1, 4, "reason only", "details"),
            new CoreHistory.ExecutionCompletedEvent(-1, null, Core.OrchestrationStatus.Failed, failure),
        ]);

        Assert.Equal(("System.TimeoutException", "took too long", 3), (mapped[0].FailureDetails!.ErrorType, mapped[0].FailureDetails!.ErrorMessage, mapped[0].TaskScheduledId!.Value));
        Assert.Equal("reason only", mapped[1].FailureDetails!.ErrorMessage);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, mapped[2].OrchestrationStatus);
        Assert.True(mapped[2].FailureDetails!.IsCausedBy<TimeoutException>());
    }

    [Fact]
    public async Task ApprovalPage_ThroughTheAdapter_ShowsTheRequestFromTheLedgerWithNoHistoryRead()
    {
        var tokens = Tokens();
        var client = Client(DfClient.OrchestrationRuntimeStatus.Running, WaitingHistory());

        var reply = await Api(client.Object, tokens).GetAsync(Token(tokens));

        Assert.Equal(200, reply.StatusCode);
        Assert.Contains("Publish the report", reply.Body, StringComparison.Ordinal);
        Assert.Contains("AwaitingApproval: waiting for ann@example.com", reply.Body, StringComparison.Ordinal);
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.GetOrchestrationHistoryAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ApprovalDecision_ThroughTheAdapter_RaisesTheDecisionAsBatonJsonOnDurableFunctions()
    {
        var tokens = Tokens();
        var client = Client(DfClient.OrchestrationRuntimeStatus.Running, WaitingHistory());
        object? raised = null;
        client.Setup(c => c.RaiseEventAsync(InstanceId, EventName, It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, object? payload, CancellationToken _) => raised = payload)
            .Returns(Task.CompletedTask);

        var reply = await Api(client.Object, tokens).PostAsync(Token(tokens), "application/json", "{\"approved\":true,\"comment\":\"ship it\"}", null);

        Assert.Equal(200, reply.StatusCode);
        var element = Assert.IsType<JsonElement>(raised);
        var decision = JsonSerializer.Deserialize<ApprovalDecision>(element.GetRawText(), JsonDataConverter.Default.Options)!;
        Assert.Equal((true, Approver, "ship it"), (decision.Approved, decision.Approver, decision.Comment));
        Assert.True(element.TryGetProperty("approved", out _), "the payload uses Baton's camelCase JSON, as the orchestrator reads it");
        Assert.Equal(ApprovalChannels.Link, decision.Channel);
        Assert.NotNull(decision.DecisionId);
        client.Verify(c => c.GetOrchestrationHistoryAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ApprovalDecision_AlreadyDecidedInTheLedger_Is409SayingWhoAndRaisesNothing()
    {
        var tokens = Tokens();
        var client = Client(DfClient.OrchestrationRuntimeStatus.Running, WaitingHistory());
        var ledger = Ledger(r => r with
        {
            Status = ApprovalStatus.Rejected,
            Decision = new ApprovalDecision(false, "bob@example.com", null, Now.AddMinutes(5)) { DecisionId = "d1", Channel = ApprovalChannels.Link },
            RaisedAt = Now.AddMinutes(5),
        });

        var reply = await Api(client.Object, tokens, ledger).PostAsync(Token(tokens), "application/json", "{\"approved\":true}", null);

        Assert.Equal(409, reply.StatusCode);
        Assert.Contains("bob@example.com already rejected", reply.Body, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 08:05:00 UTC", reply.Body, StringComparison.Ordinal);
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RaiseEventAsync_FinishedOrUnknownInstance_RefusedAsBatonsContractSays()
    {
        var finished = new FunctionsDurableTaskClient(Client(DfClient.OrchestrationRuntimeStatus.Completed, []).Object, Runner);
        var nobody = new Mock<DfClient.DurableTaskClient>(MockBehavior.Loose, "test") { CallBase = true };
        nobody.Setup(c => c.GetOrchestrationHistoryAsync("nobody", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ArgumentException("No orchestration with instance id 'nobody' exists.", "instanceId"));
        var unknown = new FunctionsDurableTaskClient(nobody.Object, Runner);

        var done = await Assert.ThrowsAsync<OrchestrationFinishedException>(() => finished.RaiseEventAsync(InstanceId, EventName, true));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => unknown.RaiseEventAsync("nobody", EventName, true));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.Status);
        Assert.Null(await unknown.GetInstanceHistoryAsync("nobody"));
    }
}
