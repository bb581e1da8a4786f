using System.Text.Json;
using Baton.Agents;
using Baton.Approvals;
using Baton.Durable;
using Baton.Workflows.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Core = DurableTask.Core;
using CoreHistory = DurableTask.Core.History;
using DfClient = Microsoft.DurableTask.Client;

namespace Baton.Functions.Tests;

/// <summary>A run waiting for an approval, as Durable Functions' client shows it (mocked at its abstract members).</summary>
internal static class DurableFakes
{
    public const string InstanceId = "run-1";
    public const string EventName = "approval-1";
    public const string Approver = "ann@example.com";
    public static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>The clock every approval test reads: fixed at <see cref="Now"/> and never advanced, so no test depends on today's date.</summary>
    public static readonly TimeProvider Clock = new FakeTimeProvider(new DateTimeOffset(Now));

    public static readonly RegisteredTaskRunner Runner = new(new DurableTaskRegistry(), new ServiceCollection().BuildServiceProvider());

    public static ApprovalRequest Request() =>
        new ApprovalRequest("r1", InstanceId, EventName, "Publish the report", [Approver], Now, Now.AddDays(2)) { Kind = "report", Workflow = "research-report" };

    public static string NotificationJson() => JsonSerializer.Serialize(
        new ApprovalNotification(Request(), ApprovalNotificationKind.Requested, [Approver]),
        JsonDataConverter.Default.Options);

    /// <summary>An approvals ledger holding the run's pending approval, as the notify activity wrote it.</summary>
    public static InMemoryApprovalLedger Ledger(Func<ApprovalRecord, ApprovalRecord>? adjust = null)
    {
        var ledger = new InMemoryApprovalLedger();
        var record = ApprovalRecord.For(Request());
        ledger.AddIfAbsentAsync(adjust is null ? record : adjust(record)).GetAwaiter().GetResult();
        return ledger;
    }

    public static List<CoreHistory.HistoryEvent> WaitingHistory() =>
    [
        new CoreHistory.ExecutionStartedEvent(-1, "{\"topic\":\"x\"}") { Name = "research-report", OrchestrationInstance = new Core.OrchestrationInstance { InstanceId = InstanceId, ExecutionId = "e1" } },
        new CoreHistory.OrchestratorStartedEvent(-1),
        new CoreHistory.TaskScheduledEvent(0, AgentActivityNames.NotifyApprovers, null, NotificationJson()),
        new CoreHistory.TaskCompletedEvent(-1, 0, "true"),
        new CoreHistory.TimerFiredEvent(-1, Now.AddDays(1)) { TimerId = 1 },
        new CoreHistory.GenericEvent(-1, "ignored"),
    ];

    public static Mock<DfClient.DurableTaskClient> Client(DfClient.OrchestrationRuntimeStatus status, List<CoreHistory.HistoryEvent> history)
    {
        var client = new Mock<DfClient.DurableTaskClient>(MockBehavior.Loose, "test") { CallBase = true };
        client.Setup(c => c.GetInstancesAsync(InstanceId, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DfClient.OrchestrationMetadata("research-report", InstanceId)
            {
                RuntimeStatus = status,
                CreatedAt = Now,
                LastUpdatedAt = Now,
                SerializedCustomStatus = "{\"state\":\"AwaitingApproval\",\"step\":\"waiting for ann@example.com\"}",
            });
        client.Setup(c => c.GetOrchestrationHistoryAsync(InstanceId, It.IsAny<CancellationToken>())).ReturnsAsync(history);
        return client;
    }

    public static ApprovalTokenService Tokens() =>
        new(Options.Create(new ApprovalOptions { SigningKey = "a-signing-key-of-at-least-thirty-two-bytes!" }), Clock);

    public static string Token(ApprovalTokenService tokens) =>
        tokens.Create(new ApprovalTokenClaims(InstanceId, EventName, Approver, new DateTimeOffset(Now).AddDays(1), "n1"));
}
