using Baton.Agents;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Dashboard.Tests.Approvals;

/// <summary>Pending approvals and the audit trail read from the approvals ledger.</summary>
public sealed class ApprovalReadingTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    private static ApprovalRecord Record(string eventName, string? toolName = null) =>
        new("r1", eventName)
        {
            Workflow = "research-report",
            Title = "Publish the report",
            Kind = toolName is null ? "report" : "tool-call",
            ToolName = toolName,
            ArgumentsJson = toolName is null ? null : "{\"subject\":\"Refund\"}",
            Details = "# Report\n\n## Summary\nCompetitors moved on price.",
            Approvers = ["ann@example.com", "bob@example.com"],
            RequestedAt = T0,
            ExpiresAt = T0.AddDays(2),
        };

    [Fact]
    public async Task GetPendingAsync_ReportAndToolCall_ListsBothWithWhoUntilAndExcerpt()
    {
        var ledger = new InMemoryApprovalLedger();
        await ledger.AddIfAbsentAsync(Record("approval-1"));
        await ledger.AddIfAbsentAsync(Record("approval-2", "create_ticket") with { RequestedAt = T0.AddMinutes(1) });
        await ledger.AddIfAbsentAsync(Record("approval-3") with { ExpiresAt = T0.AddMinutes(30) });
        var source = new LedgerPendingApprovalSource(ledger, new FakeTimeProvider(new DateTimeOffset(T0.AddHours(1))));

        var pending = await source.GetPendingAsync();

        Assert.Equal(["approval-1", "approval-2"], pending.Select(p => p.EventName));
        Assert.Equal(["ann@example.com", "bob@example.com"], pending[0].Approvers);
        Assert.Equal(T0.AddDays(2), pending[0].ExpiresAt);
        Assert.Equal("# Report ## Summary Competitors moved on price.", pending[0].Excerpt);
        Assert.Equal(("create_ticket", "tool-call", "{\"subject\":\"Refund\"}"), (pending[1].ToolName, pending[1].Kind, pending[1].Excerpt));
    }

    [Fact]
    public async Task ReadAsync_DecisionRefusalAndExpiry_AreAuditEntriesNewestFirst()
    {
        var ledger = new InMemoryApprovalLedger();
        await ledger.AddIfAbsentAsync(Record("approval-1") with
        {
            Status = ApprovalStatus.Rejected,
            Decision = new ApprovalDecision(false, "ann@example.com", "Add numbers.", T0.AddMinutes(3)) { Channel = ApprovalChannels.Inbox, EditedText = "edited" },
            Refusals = [new ApprovalRefusal("mallory@example.com", true, T0.AddMinutes(2), "mallory@example.com is not on the approver list.", ApprovalChannels.Api)],
        });
        await ledger.AddIfAbsentAsync(Record("approval-2") with
        {
            Status = ApprovalStatus.Expired,
            Decision = new ApprovalDecision(false, ApprovalDecision.TimeoutApprover, "Rejected by default.", T0.AddDays(2)) { IsDefault = true, Channel = ApprovalChannels.Policy },
            ClosedAt = T0.AddDays(2),
        });
        var reader = new ApprovalAuditReader(ledger, Options.Create(new DashboardOptions()));

        var (entries, truncated) = await reader.ReadAsync(new DateTimeOffset(T0.AddDays(-1)), null, CancellationToken.None);

        Assert.False(truncated);
        Assert.Equal(
            [("expired", ApprovalDecision.TimeoutApprover), ("rejected", "ann@example.com"), ("refused", "mallory@example.com")],
            entries.Select(e => (e.Outcome, e.Approver)));
        Assert.Equal((ApprovalChannels.Inbox, "edited", "Add numbers."), (entries[1].Channel, entries[1].EditedText, entries[1].Comment));
        Assert.Contains("not on the approver list", entries[2].Comment, StringComparison.Ordinal);
    }
}
