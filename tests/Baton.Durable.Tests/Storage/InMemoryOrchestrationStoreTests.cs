using Baton.Durable.Storage;
using Baton.Durable.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Durable.Tests.Storage;

public sealed class InMemoryOrchestrationStoreTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Defer_HandsTheMessagesOutAgainOnTheWallClock_WithTheStoresClockStopped_Uncounted()
    {
        using var store = new InMemoryOrchestrationStore(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));
        await store.SendMessageAsync(new OrchestrationMessage("d1", new HistoryEvent(-1, HistoryEventType.EventRaised, DateTime.UnixEpoch) { Name = "go" }));
        var item = await store.LockNextOrchestrationWorkItemAsync(Wait);
        Assert.Equal(1, Assert.Single(item!.Messages).DequeueCount);

        await store.DeferOrchestrationWorkItemAsync(item, TimeSpan.FromMilliseconds(200));

        var again = await store.LockNextOrchestrationWorkItemAsync(Wait);
        Assert.NotNull(again);
        Assert.Equal("d1", again.InstanceId);
        Assert.Equal(1, Assert.Single(again.Messages).DequeueCount);
    }
}
