using Baton.Durable;

namespace Baton.Dashboard.Tests.Runs;

/// <summary>Query-string filters of the runs list.</summary>
public sealed class RunFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static RunFilter Parse(params (string Key, string Value)[] pairs) =>
        RunFilter.Parse(name => [.. pairs.Where(p => p.Key == name).Select(p => p.Value)]);

    [Fact]
    public void Parse_StatusesWorkflowAndRange_BuildsTheStoreQuery()
    {
        var filter = Parse(("status", "running,Completed"), ("status", "bogus"), ("workflow", "research-report"), ("range", "24h"), ("page", "t1"));

        var query = filter.ToQuery(Now, 25);

        Assert.Equal([OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed], query.Statuses);
        Assert.Equal("research-report", query.Name);
        Assert.Equal(Now.AddDays(-1), query.CreatedFrom);
        Assert.Equal("t1", query.ContinuationToken);
        Assert.Equal(25, query.PageSize);
        Assert.True(query.FetchInputsAndOutputs);
    }

    [Fact]
    public void Parse_FromLaterThanRange_UsesTheLaterBoundAndKeepsItInLinks()
    {
        var filter = Parse(("from", "2026-01-05T07:30"), ("range", "7d"), ("to", "2026-01-05T07:50"));

        Assert.Equal(new DateTimeOffset(2026, 1, 5, 7, 30, 0, TimeSpan.Zero), filter.CreatedFrom(Now));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 7, 50, 0, TimeSpan.Zero), filter.ToQuery(Now, 10).CreatedTo);
        Assert.Equal(
            ["range=7d", "from=2026-01-05T07:30", "to=2026-01-05T07:50"],
            filter.ToQueryString().Select(p => p.Key + "=" + p.Value));
    }

    [Fact]
    public void Parse_NothingOrUnknownValues_QueriesEverything()
    {
        var query = Parse(("range", "forever"), ("from", "yesterday")).ToQuery(Now, 10);

        Assert.Null(query.Statuses);
        Assert.Null(query.Name);
        Assert.Null(query.CreatedFrom);
        Assert.Null(query.ContinuationToken);
    }

    [Fact]
    public void Parse_IdPrefix_QueriesByPrefixAndKeepsItInLinks()
    {
        var filter = Parse(("q", " weekly-report-2026 "), ("status", "Failed"), ("status", "Terminated"));

        var query = filter.ToQuery(Now, 25);

        Assert.Equal("weekly-report-2026", query.InstanceIdPrefix);
        Assert.Equal([OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], query.Statuses);
        Assert.Equal(["q=weekly-report-2026", "status=Failed", "status=Terminated"], filter.ToQueryString().Select(p => p.Key + "=" + p.Value));
    }
}
