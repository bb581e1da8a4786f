using Baton.Agents;
using Baton.Durable;

namespace Baton.Dashboard.Tests.Approvals;

/// <summary>Pending approvals and the audit trail read from recorded history.</summary>
public sealed class ApprovalReadingTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Read_DecisionEvent_GivesAnAuditEntry()
    {
        var instance = new OrchestrationMetadata("research-report", "r1");
        var decision = JsonDataConverter.Default.Serialize(new ApprovalDecision(false, "ann@example.com", "Add numbers.", T0.AddMinutes(3)));

        var entry = ApprovalAuditReader.Read(instance, new HistoryEvent(-1, HistoryEventType.EventRaised, T0.AddMinutes(4)) { Name = "approval-1", Input = decision });

        Assert.Equal(new ApprovalAuditEntry("r1", "research-report", "approval-1", false, "ann@example.com", T0.AddMinutes(3), "Add numbers."), entry);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"approved\":true}")]
    [InlineData("\"yes\"")]
    [InlineData(null)]
    public void Read_OtherEvent_IsNotAnApproval(string? payload)
    {
        Assert.Null(ApprovalAuditReader.Read(new OrchestrationMetadata("w", "i"), new HistoryEvent(-1, HistoryEventType.EventRaised, T0) { Name = "x", Input = payload }));
    }

    [Fact]
    public void Describe_RecordedRequest_GivesWhoSinceUntilAndExcerpt()
    {
        var request = new ApprovalRequest("1", "r1", "approval-1", "Publish the report", ["ann@example.com", "bob@example.com"], T0, T0.AddDays(2))
        {
            Details = "# Report\n\n## Summary\nCompetitors moved on price.",
        };
        var history = new[]
        {
            new HistoryEvent(3, HistoryEventType.TaskScheduled, T0)
            {
                Name = AgentActivityNames.NotifyApprovers,
                Input = JsonDataConverter.Default.Serialize(new ApprovalNotification(request, ApprovalNotificationKind.Requested, request.Approvers)),
            },
        };

        var pending = HistoryPendingApprovalSource.Describe(new OrchestrationMetadata("research-report", "r1"), "approval-1", history);

        Assert.Equal("Publish the report", pending.Title);
        Assert.Equal(["ann@example.com", "bob@example.com"], pending.Approvers);
        Assert.Equal(T0, pending.RequestedAt);
        Assert.Equal(T0.AddDays(2), pending.ExpiresAt);
        Assert.Equal("# Report ## Summary Competitors moved on price.", pending.Excerpt);
    }
}
