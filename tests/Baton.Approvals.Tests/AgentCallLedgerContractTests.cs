using Azure.Data.Tables;
using Baton.Agents;
using Baton.Testing;

namespace Baton.Approvals.Tests;

/// <summary>The agent call ledger contract, held by the in-memory ledger and by the Azure Table ledger on a real Azurite.</summary>
public sealed class AgentCallLedgerContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Ledgers => ["memory", "table"];

    private IAgentCallLedger Ledger(string kind) => kind == "memory"
        ? new InMemoryAgentCallLedger()
        : new AzureTableAgentCallLedger(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.NewHubName("C"));

    private static AgentCallRecord Call(string instanceId = "run/1", string key = "20261125T080000-0001", int seconds = 0) =>
        new(instanceId, key, AgentCallKind.Model, "writer", T0.AddSeconds(seconds))
        {
            Instructions = "Write the report.",
            Messages = [AgentMessage.User("Pricing # memo?")],
            Reply = "Done.",
            Usage = new AgentUsage(1200, 300, 0.00096m),
            PriceSource = "gpt-4.1-mini",
        };

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task WriteAsync_SameCallTwice_KeepsTheFirstRecord(string kind)
    {
        var ledger = Ledger(kind);

        await ledger.WriteAsync(Call());
        var second = await ledger.WriteAsync(Call() with { Reply = "A second answer", Usage = new AgentUsage(1, 1, 0m) });

        var stored = Assert.Single(await ledger.ListAsync("run/1"));
        Assert.Equal("Done.", second.Reply);
        Assert.Equal("Done.", stored.Reply);
        Assert.Equal(1200, stored.Usage!.InputTokens);
        Assert.Equal(0.00096m, stored.Usage.EstimatedCost);
        Assert.Equal("Pricing # memo?", stored.Messages![0].Text);
        Assert.Equal(1, stored.Attempts);
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task WriteAsync_FailedAttemptThenSuccess_KeepsTheSuccessAndCountsTheAttempt(string kind)
    {
        var ledger = Ledger(kind);

        await ledger.WriteAsync(Call() with { Reply = null, Usage = null, Error = "429 Too Many Requests", ErrorType = "Baton.Agents.ModelCallException" });
        await ledger.WriteAsync(Call(seconds: 30));
        await ledger.WriteAsync(Call(seconds: 10) with { Reply = null, Usage = null, Error = "a late duplicate of the failure" });

        var stored = Assert.Single(await ledger.ListAsync("run/1"));
        Assert.False(stored.Failed);
        Assert.Equal(2, stored.Attempts);
        Assert.Equal("429 Too Many Requests", stored.PreviousError);
        Assert.Equal("Done.", stored.Reply);
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task ListChildrenAsync_ChildAndGrandchildCalls_LinkEachToItsParentOnly(string kind)
    {
        var ledger = Ledger(kind);

        await ledger.WriteAsync(Call("parent"));
        await ledger.WriteAsync(Call("child-a", "k1") with { ParentInstanceId = "parent" });
        await ledger.WriteAsync(Call("child-a", "k2") with { ParentInstanceId = "parent" });
        await ledger.WriteAsync(Call("grandchild", "k1") with { ParentInstanceId = "child-a" });

        Assert.Equal(["child-a"], await ledger.ListChildrenAsync("parent"));
        Assert.Equal(["grandchild"], await ledger.ListChildrenAsync("child-a"));
        Assert.Empty(await ledger.ListChildrenAsync("grandchild"));
        Assert.Equal(["k1", "k2"], (await ledger.ListAsync("child-a")).Select(r => r.CallKey));
        Assert.Single(await ledger.ListAsync("parent"));
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task ListStartedSinceAsync_CallsBeforeAndAfter_ReturnsOnlyLaterCallsOfEveryRun(string kind)
    {
        var ledger = Ledger(kind);

        await ledger.WriteAsync(Call("old", seconds: 0));
        await ledger.WriteAsync(Call("new-1", seconds: 100));
        await ledger.WriteAsync(Call("new-2", seconds: 200) with { ParentInstanceId = "new-1" });

        var since = await ledger.ListStartedSinceAsync(T0.AddSeconds(50));

        Assert.Equal(["new-1", "new-2"], since.Select(r => r.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_RecordLargerThanATableRow_IsStoredWithItsTextsCutAndMarked()
    {
        var ledger = new AzureTableAgentCallLedger(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.NewHubName("C"));
        var page = new string('x', 40_000);
        var record = Call() with { Messages = [.. Enumerable.Range(0, 20).Select(_ => AgentMessage.User(page))], Reply = "short" };

        await ledger.WriteAsync(record);

        var stored = Assert.Single(await ledger.ListAsync("run/1"));
        Assert.True(stored.Truncated);
        Assert.Equal(20, stored.Messages!.Count);
        Assert.Contains(AgentCallRecord.TruncationMarker, stored.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("short", stored.Reply);
        Assert.Equal(1200, stored.Usage!.InputTokens);
    }
}
