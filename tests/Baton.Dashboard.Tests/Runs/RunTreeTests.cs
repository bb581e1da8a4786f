using Baton.Durable;

namespace Baton.Dashboard.Tests.Runs;

public sealed class RunTreeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static RunRow Row(string id, int minute, string? parent = null, long tokens = 0) =>
        new(new OrchestrationMetadata("wf", id) { CreatedAt = T0.AddMinutes(minute), ParentInstanceId = parent },
            RunStatusView.Empty with { Spend = tokens == 0 ? RunSpendView.None : new RunSpendView(tokens, 0, tokens / 1000m, 1, new Dictionary<string, AgentSpendView>()) });

    [Fact]
    public void Nest_ParentIdReported_NestsTheChildAndRollsUpItsSpend()
    {
        var rows = new[] { Row("parent-x", 0, tokens: 100), Row("child-y", 1, parent: "parent-x", tokens: 40), Row("other", 2, tokens: 5) };

        var nested = RunTree.Nest(rows);

        Assert.Equal(["parent-x", "other"], nested.Select(r => r.Instance.InstanceId));
        var parent = nested[0];
        Assert.Equal("child-y", Assert.Single(parent.Children).Instance.InstanceId);
        Assert.Equal(140, parent.RolledUpSpend.TotalTokens);
        Assert.Equal(1, parent.Descendants);
        Assert.Equal(5, nested[1].RolledUpSpend.TotalTokens);
    }

    [Fact]
    public void Nest_NoParentIdButColonNamedChildren_NestsByTheLongestIdOnThePage()
    {
        // Durable Functions reports no parent: children are named {parent}:{...} and grandchildren {child}:{...}.
        var rows = new[] { Row("a:team-0:3f2a", 3, tokens: 1), Row("a:team-0", 2, tokens: 10), Row("a", 0, tokens: 100), Row("a-b", 1, tokens: 7) };

        var nested = RunTree.Nest(rows);

        Assert.Equal(["a", "a-b"], nested.Select(r => r.Instance.InstanceId));
        var child = Assert.Single(nested[0].Children);
        Assert.Equal("a:team-0", child.Instance.InstanceId);
        Assert.Equal("a:team-0:3f2a", Assert.Single(child.Children).Instance.InstanceId);
        Assert.Equal(111, nested[0].RolledUpSpend.TotalTokens);
        Assert.Equal(2, nested[0].Descendants);
    }

    [Fact]
    public void Nest_ParentOnAnotherPage_StaysTopLevelAndNamesItsParent()
    {
        var nested = RunTree.Nest([Row("child-y", 1, parent: "parent-x")]);

        Assert.Equal("parent-x", Assert.Single(nested).ParentOffPage);
    }
}
