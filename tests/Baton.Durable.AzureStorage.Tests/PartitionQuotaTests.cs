namespace Baton.Durable.AzureStorage.Tests;

public sealed class PartitionQuotaTests
{
    [Theory]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    [InlineData(4, 3)]
    [InlineData(4, 5)]
    [InlineData(16, 3)]
    public void For_EveryLiveWorker_QuotasAddUpToThePartitionsAndDifferByAtMostOne(int partitions, int workers)
    {
        var ids = Enumerable.Range(0, workers).Select(_ => Guid.NewGuid().ToString()).ToList();

        var quotas = ids.Select(id => PartitionQuota.For(id, ids, partitions)).ToList();

        Assert.Equal(partitions, quotas.Sum());
        Assert.InRange(quotas.Max() - quotas.Min(), 0, 1);
    }

    [Fact]
    public void For_AloneOrUnseenByOthers_OwnsEveryPartition()
    {
        Assert.Equal(4, PartitionQuota.For("b", [], 4));
        Assert.Equal(4, PartitionQuota.For("b", ["b"], 4));
    }

    [Fact]
    public void For_ThreeWorkersFourPartitions_TheFirstByIdGetsTheExtraOne()
    {
        Assert.Equal(2, PartitionQuota.For("a", ["c", "b", "a"], 4));
        Assert.Equal(1, PartitionQuota.For("b", ["c", "a"], 4));
        Assert.Equal(1, PartitionQuota.For("c", ["a", "b"], 4));
    }

    [Fact]
    public void Live_StalePresence_IsLeftOutRelativeToTheNewestRefresh()
    {
        var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

        var live = PartitionQuota.Live([("a", now), ("b", now.AddSeconds(-20)), ("c", now.AddSeconds(-31))], TimeSpan.FromSeconds(30));

        Assert.Equal(["a", "b"], live);
        Assert.Empty(PartitionQuota.Live([], TimeSpan.FromSeconds(30)));
    }
}
