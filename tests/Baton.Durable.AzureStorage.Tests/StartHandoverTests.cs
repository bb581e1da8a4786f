using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>Start messages handed to an active dispatcher in memory: no queue message, and durable when creating returns.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StartHandoverTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static long Count(AzureStorageOrchestrationStore store, string kind) => store.RequestCounter.ByKind.GetValueOrDefault(kind);

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Condition not met in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>Starts "id" the ordinary way and locks its first work item, so that a dispatcher is busy.</summary>
    private static async Task<OrchestrationWorkItem> HoldBusyAsync(AzureStorageOrchestrationStore store, string id)
    {
        await store.CreateInstanceAsync(NewInstance(id), Started(id));
        var item = await LockAsync(store);
        Assert.Equal(id, item.InstanceId);
        return item;
    }

    [Fact]
    public async Task CreateInstance_WithADispatcherWaiting_SendsNoStartMessage_AndReturnsOnlyOnceItsStepCommitted()
    {
        var store = await CreateStoreAsync();
        await OwnAllPartitionsAsync(store);
        var waiting = store.LockNextOrchestrationWorkItemAsync(Wait);
        await EventuallyAsync(() => store.DispatcherActive);
        var putsBefore = Count(store, "queue.put-message");

        var creating = store.CreateInstanceAsync(NewInstance("s1"), Started("s1"));
        var item = await waiting;

        Assert.NotNull(item);
        Assert.Equal(HistoryEventType.ExecutionStarted, Assert.Single(item.Messages).Event.EventType);
        Assert.False(creating.IsCompleted);
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item));
        await creating.WaitAsync(Wait);
        Assert.Equal(putsBefore, Count(store, "queue.put-message"));
        Assert.Contains(await store.GetHistoryAsync("s1"), e => e.EventType == HistoryEventType.ExecutionStarted);
    }

    [Fact]
    public async Task CreateInstance_WhoseStartNoStepTakesInTime_WritesTheStartMessage_AndItIsHandedOutOnce()
    {
        var store = await CreateStoreAsync();
        await OwnAllPartitionsAsync(store);
        var busy = await HoldBusyAsync(store, "b1");
        Assert.True(store.DispatcherActive);
        var putsBefore = Count(store, "queue.put-message");

        await store.CreateInstanceAsync(NewInstance("s2"), Started("s2")).WaitAsync(Wait);

        Assert.Equal(putsBefore + 1, Count(store, "queue.put-message"));
        await store.CompleteOrchestrationWorkItemAsync(busy, Step(busy));
        var item = await LockAsync(store);
        Assert.Equal("s2", item.InstanceId);
        Assert.Equal(HistoryEventType.ExecutionStarted, Assert.Single(item.Messages).Event.EventType);
    }

    [Fact]
    public async Task CreateInstance_WhileItsStoreShutsDown_LeavesTheStartForTheNextOwner()
    {
        var first = await CreateStoreAsync();
        await OwnAllPartitionsAsync(first);
        await HoldBusyAsync(first, "b2");

        var creating = first.CreateInstanceAsync(NewInstance("s3"), Started("s3"));
        await EventuallyAsync(() => first.GetInstanceAsync("s3", includePayloads: false).GetAwaiter().GetResult() is not null);
        await first.DisposeAsync();
        await creating.WaitAsync(Wait);

        var second = await CreateStoreAsync();
        var starts = new List<OrchestrationWorkItem>();
        while (starts.Count < 2)
        {
            starts.Add(await LockAsync(second));
        }

        var started = Assert.Single(starts, s => s.InstanceId == "s3");
        Assert.Equal(HistoryEventType.ExecutionStarted, Assert.Single(started.Messages).Event.EventType);
    }
}
