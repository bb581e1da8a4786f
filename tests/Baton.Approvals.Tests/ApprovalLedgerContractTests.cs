using Azure.Data.Tables;
using Baton.Agents;
using Baton.Testing;

namespace Baton.Approvals.Tests;

/// <summary>The ledger contract, held by the in-memory ledger and by the Azure Table ledger on a real Azurite.</summary>
public sealed class ApprovalLedgerContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Ledgers => ["memory", "table"];

    private IApprovalLedger Ledger(string kind) => kind == "memory"
        ? new InMemoryApprovalLedger()
        : new AzureTableApprovalLedger(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.NewHubName("L"));

    private static ApprovalRecord Record(string instanceId = "run-1", string eventName = "approval-1") =>
        new(instanceId, eventName) { Title = "Publish", Kind = "report", Approvers = ["ann@example.com"], RequestedAt = T0, ExpiresAt = T0.AddDays(2) };

    private static ApprovalRecord Decided(ApprovalRecord record, string approver) => record with
    {
        Status = ApprovalStatus.Approved,
        Decision = new ApprovalDecision(true, approver, null, T0.AddHours(1)) { DecisionId = approver, Channel = ApprovalChannels.Link },
    };

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task AddIfAbsentAsync_SecondWrite_KeepsTheFirstRecord(string kind)
    {
        var ledger = Ledger(kind);

        var first = await ledger.AddIfAbsentAsync(Record());
        var second = await ledger.AddIfAbsentAsync(Record() with { Title = "Another title" });

        Assert.Equal("Publish", second.Title);
        Assert.Equal(first.ETag, second.ETag);
        Assert.NotNull(first.ETag);
    }

    [Fact]
    public async Task AddIfAbsentAsync_TableRecordNearWhatARowHolds_IsStoredAndReadBackWhole()
    {
        var ledger = Ledger("table");
        var details = new string('d', 440_000);

        await ledger.AddIfAbsentAsync(Record() with { Details = details });

        Assert.Equal(details, (await ledger.GetAsync("run-1", "approval-1"))!.Details);
    }

    [Fact]
    public async Task AddIfAbsentAsync_TableRecordOverWhatARowHolds_IsRefusedSayingWhatToShorten_AndNothingIsStored()
    {
        var ledger = Ledger("table");

        // 600,000 characters are 1.2 MB as UTF-16: more than the 1 MiB an Azure Table entity may hold.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.AddIfAbsentAsync(Record() with { Details = new string('d', 600_000) }));

        Assert.Contains("Shorten the request's Details", refused.Message, StringComparison.Ordinal);
        Assert.Null(await ledger.GetAsync("run-1", "approval-1"));
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task TryReplaceAsync_TwentyWritersFromOneRead_ExactlyOneWinsAndItsDecisionIsStored(string kind)
    {
        var ledger = Ledger(kind);
        var read = await ledger.AddIfAbsentAsync(Record());

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => ledger.TryReplaceAsync(Decided(read, $"approver-{i}")))));

        var winner = Assert.Single(results, r => r is not null)!;
        var stored = (await ledger.GetAsync("run-1", "APPROVAL-1"))!;
        Assert.Equal(winner.Decision!.Approver, stored.Decision!.Approver);
        Assert.Equal(winner.ETag, stored.ETag);
        Assert.Null(await ledger.TryReplaceAsync(Decided(read, "late")));
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task ListAsync_ByStatusInstanceAndDelivery_ReturnsOnlyMatchingRecordsOldestFirst(string kind)
    {
        var ledger = Ledger(kind);
        await ledger.AddIfAbsentAsync(Record("run-2") with { RequestedAt = T0.AddMinutes(5) });
        await ledger.AddIfAbsentAsync(Record("run-1"));
        var raised = await ledger.AddIfAbsentAsync(Decided(Record("run-3"), "ann@example.com") with { RaisedAt = T0.AddHours(1) });
        await ledger.AddIfAbsentAsync(Decided(Record("run-4"), "ann@example.com"));

        var pending = await ledger.ListAsync(new ApprovalLedgerQuery([ApprovalStatus.Pending]));
        var undelivered = await ledger.ListAsync(new ApprovalLedgerQuery(AwaitingDeliveryOnly: true));
        var one = await ledger.ListAsync(new ApprovalLedgerQuery(InstanceId: "run-3"));
        var recent = await ledger.ListAsync(new ApprovalLedgerQuery(RequestedFrom: T0.AddMinutes(1)));

        Assert.Equal(["run-1", "run-2"], pending.Select(r => r.InstanceId));
        Assert.Equal(["run-4"], undelivered.Select(r => r.InstanceId));
        Assert.Equal(raised.ETag, Assert.Single(one).ETag);
        Assert.Equal(["run-2"], recent.Select(r => r.InstanceId));
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task GetAsync_LargeDetailsAndKeysWithReservedCharacters_RoundTripIntact(string kind)
    {
        var ledger = Ledger(kind);
        var details = string.Concat(Enumerable.Range(0, 4000).Select(i => $"Line {i} of the draft.\n"));
        var record = Record("tenant/a#1?x%", "Approval-Ü") with
        {
            Details = details,
            Refusals = [new ApprovalRefusal("mallory@example.com", true, T0.AddMinutes(1), "not on the approver list", ApprovalChannels.Api)],
        };

        await ledger.AddIfAbsentAsync(record);
        var read = (await ledger.GetAsync("tenant/a#1?x%", "approval-ü"))!;

        Assert.Equal(details, read.Details);
        Assert.Equal("tenant/a#1?x%", read.InstanceId);
        Assert.Equal("mallory@example.com", Assert.Single(read.Refusals).Approver);
        Assert.Equal((T0, T0.AddDays(2)), (read.RequestedAt, read.ExpiresAt));
    }
}
