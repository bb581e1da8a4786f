using Baton.Durable;

namespace Baton.Http.Tests.Management;

public sealed class InstanceListRequestTests
{
    private static Func<string, string?> Query(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Parse_AllFilters_BuildsTheQuery()
    {
        var query = InstanceListRequest.Parse(
            Query(("runtimeStatus", "Running, completed"), ("createdTimeFrom", "2026-01-01T00:00:00Z"), ("createdTimeTo", "2026-02-01"), ("top", "5")),
            "next-page",
            out var problem);

        Assert.Null(problem);
        Assert.NotNull(query);
        Assert.Equal([OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed], query.Statuses);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), query.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), query.CreatedTo);
        Assert.Equal(5, query.PageSize);
        Assert.Equal("next-page", query.ContinuationToken);
    }

    [Theory]
    [InlineData("runtimeStatus", "Sleeping")]
    [InlineData("createdTimeFrom", "yesterday")]
    [InlineData("top", "0")]
    [InlineData("top", "5000")]
    public void Parse_BadValue_400NamingTheParameter(string name, string value)
    {
        var query = InstanceListRequest.Parse(Query((name, value)), null, out var problem);

        Assert.Null(query);
        Assert.Equal(400, problem!.StatusCode);
        Assert.Contains($"\"field\":\"{name}\"", problem.Body, StringComparison.Ordinal);
    }
}
