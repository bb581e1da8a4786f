using Baton.Agents.Tests.Fakes;

namespace Baton.Agents.Tests.Approvals;

public sealed class ApprovalGateTests
{
    private static readonly ApprovalPolicy Policy = new(
        Timeout: TimeSpan.FromHours(10),
        ReminderInterval: TimeSpan.FromHours(2),
        MaxReminders: 2,
        EscalationApprovers: ["boss@example.com"],
        DefaultDecision: ApprovalTimeoutAction.Approve);

    private static AgentTestHost Host() => new(_ => { });

    [Fact]
    public async Task RequestApprovalAsync_DecisionBeforeAnyReminder_ReturnsItAfterOneNotification()
    {
        using var host = Host();
        var request = host.Context.NewApprovalRequest("Publish the report", ["alice@example.com"], Policy);
        host.Notifier.OnNotify = n => host.Context.RaiseEvent(request.EventName, new ApprovalDecision(true, "alice@example.com", "go", host.Context.Now));

        var decision = await host.Context.RequestApprovalAsync(request, Policy);

        Assert.True(decision.Approved);
        Assert.Equal("alice@example.com", decision.Approver);
        Assert.False(decision.IsDefault);
        Assert.Equal(ApprovalNotificationKind.Requested, Assert.Single(host.Notifier.Notifications).Kind);
        Assert.Equal(request.RequestedAt + Policy.Timeout, request.ExpiresAt);
    }

    [Fact]
    public async Task RequestApprovalAsync_NoAnswer_RemindsThenEscalatesThenAppliesTheDefault()
    {
        using var host = Host();
        var start = host.Context.Now;
        var request = host.Context.NewApprovalRequest("Publish the report", ["alice@example.com"], Policy);

        var decision = await host.Context.RequestApprovalAsync(request, Policy);

        Assert.Equal(
            [ApprovalNotificationKind.Requested, ApprovalNotificationKind.Reminder, ApprovalNotificationKind.Reminder, ApprovalNotificationKind.Escalated],
            host.Notifier.Notifications.Select(n => n.Kind));
        Assert.Equal(["boss@example.com"], host.Notifier.Notifications[^1].Recipients);
        Assert.Equal([1, 2], host.Notifier.Notifications.Where(n => n.Kind == ApprovalNotificationKind.Reminder).Select(n => n.Sequence));
        Assert.True(decision.Approved);
        Assert.True(decision.IsDefault);
        Assert.Equal(ApprovalDecision.TimeoutApprover, decision.Approver);
        Assert.Equal(start.AddHours(10), host.Context.Now);
    }

    [Fact]
    public async Task RequestApprovalAsync_AnswerAfterSecondReminder_StopsReminding()
    {
        using var host = Host();
        var request = host.Context.NewApprovalRequest("Publish", ["alice@example.com"], Policy);
        host.Notifier.OnNotify = n =>
        {
            if (n is { Kind: ApprovalNotificationKind.Reminder, Sequence: 2 })
            {
                host.Context.RaiseEvent(request.EventName, new ApprovalDecision(false, "alice@example.com", "no", host.Context.Now));
            }
        };

        var decision = await host.Context.RequestApprovalAsync(request, Policy);

        Assert.False(decision.Approved);
        Assert.Equal(3, host.Notifier.Notifications.Count);
        Assert.Equal(request.RequestedAt.AddHours(4), host.Context.Now);
    }

    [Fact]
    public async Task RequestApprovalAsync_DefaultFail_ThrowsApprovalTimeout()
    {
        using var host = Host();
        var policy = new ApprovalPolicy(TimeSpan.FromMinutes(30), DefaultDecision: ApprovalTimeoutAction.Fail);
        var request = host.Context.NewApprovalRequest("Deploy", ["ops@example.com"], policy);

        var failure = await Assert.ThrowsAsync<ApprovalTimeoutException>(() => host.Context.RequestApprovalAsync(request, policy));

        Assert.Contains("ops@example.com", failure.Message, StringComparison.Ordinal);
        Assert.Single(host.Notifier.Notifications);
    }

    [Fact]
    public async Task RequestApprovalAsync_NoApprovers_FailsWithWhatToSet()
    {
        using var host = Host();
        var request = host.Context.NewApprovalRequest("Deploy", [], Policy);

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => host.Context.RequestApprovalAsync(request, Policy));

        Assert.Contains("AgentRunOptions.Approvers", failure.Message, StringComparison.Ordinal);
    }
}
