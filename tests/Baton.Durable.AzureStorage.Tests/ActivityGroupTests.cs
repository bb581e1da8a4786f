using Azure.Storage.Queues;
using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>Activity requests of a large step sharing queue messages: each request handed out, and a message deleted only when all of its requests are settled.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ActivityGroupTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private const int FanOut = 70;

    /// <summary>A request in the middle of a group message (70 requests travel in groups of three).</summary>
    private const int Unfinished = 1;

    private static OrchestrationMessage Activity(string id, int taskId) =>
        new(id, new HistoryEvent(taskId, HistoryEventType.TaskScheduled, Now) { Name = "Act", Input = taskId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            ExecutionId = "e1",
            MessageId = $"{id}:e1:{taskId}",
        };

    private static OrchestrationMessage Result(ActivityWorkItem item) =>
        new(item.Message.InstanceId, new HistoryEvent(-1, HistoryEventType.TaskCompleted, Now) { TaskScheduledId = item.Message.Event.EventId, Result = "1" })
        {
            ExecutionId = "e1",
        };

    private static long Count(AzureStorageOrchestrationStore store, string kind) => store.RequestCounter.ByKind.GetValueOrDefault(kind);

    private QueueClient WorkItems() =>
        new(Azurite.ConnectionString, TaskHubName.Create(HubName, 2).WorkItemQueue);

    /// <summary>Starts "id" and commits a first step that schedules <see cref="FanOut"/> activities; returns the put-message count before that step.</summary>
    private static async Task<long> ScheduleFanOutAsync(AzureStorageOrchestrationStore store, string id)
    {
        await OwnAllPartitionsAsync(store);
        await store.CreateInstanceAsync(NewInstance(id), Started(id));
        var item = await LockAsync(store);
        var before = Count(store, "queue.put-message");
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, activities: [.. Enumerable.Range(0, FanOut).Select(i => Activity(id, i))]));
        return before;
    }

    private static async Task<List<ActivityWorkItem>> LockActivitiesAsync(AzureStorageOrchestrationStore store, int count)
    {
        var items = new List<ActivityWorkItem>();
        while (items.Count < count)
        {
            items.Add(await LockActivityAsync(store));
        }

        return items;
    }

    private async Task WaitForQueueLengthAsync(int length)
    {
        var queue = WorkItems();
        var deadline = DateTime.UtcNow + Wait;
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount != length)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The work-item queue did not reach {length} messages in time.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Codec_GroupOfRequests_RoundTrips_AndAnEmptyGroupIsUnreadable()
    {
        var codec = new MessageCodec(null!);
        var requests = Enumerable.Range(0, 3).Select(i => Activity("g0", i)).ToList();
        var text = MessageCodec.EncodeGroup(requests.Select(r => MessageCodec.TryEncodeInline(r)!));

        var (messages, blob, isGroup) = await codec.DecodeRequestsAsync(text, CancellationToken.None);

        Assert.True(isGroup);
        Assert.Null(blob);
        Assert.Equal([0, 1, 2], messages.Select(m => m.Event.EventId));
        Assert.All(messages, m => Assert.Equal("g0", m.InstanceId));
        await Assert.ThrowsAsync<UnreadableMessageException>(() => codec.DecodeRequestsAsync("{\"requests\":[]}", CancellationToken.None));
    }

    [Fact]
    public async Task LargeStep_SendsItsRequestsInFewMessages_AndEveryRequestIsHandedOutOnce()
    {
        var store = await CreateStoreAsync();
        var before = await ScheduleFanOutAsync(store, "g1");

        var sent = Count(store, "queue.put-message") - before;
        var items = await LockActivitiesAsync(store, FanOut);

        Assert.InRange(sent, 2, AzureStorageOrchestrationStore.MaxParallelRequests);
        Assert.Equal(Enumerable.Range(0, FanOut), items.Select(i => i.Message.Event.EventId).Order());
        Assert.All(items, i => Assert.Equal("Act", i.Message.Event.Name));
    }

    [Fact]
    public async Task GroupMessage_IsDeletedOnlyOnceEveryRequestsResultIsInHistory()
    {
        var store = await CreateStoreAsync();
        await ScheduleFanOutAsync(store, "g2");
        var items = await LockActivitiesAsync(store, FanOut);
        var last = items.Single(i => i.Message.Event.EventId == Unfinished);

        foreach (var item in items.Where(i => i != last))
        {
            await store.CompleteActivityWorkItemAsync(item, Result(item));
        }

        var step = await LockAsync(store);
        Assert.Equal(FanOut - 1, step.Messages.Count);
        await store.CompleteOrchestrationWorkItemAsync(step, Step(step));

        // Every group but the one holding the unfinished request is gone; that one stays until its last result is durable.
        await WaitForQueueLengthAsync(1);
        await store.CompleteActivityWorkItemAsync(last, Result(last));
        var final = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(final, Step(final, OrchestrationRuntimeStatus.Completed));
        await WaitForQueueLengthAsync(0);
    }

    [Fact]
    public async Task GroupMessage_OfACrashedStore_BringsBackOnlyTheRequestsOfItsGroup()
    {
        var first = await CreateStoreAsync(o => o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(2));
        await ScheduleFanOutAsync(first, "g3");
        var items = await LockActivitiesAsync(first, FanOut);
        var last = items.Single(i => i.Message.Event.EventId == Unfinished);
        foreach (var item in items.Where(i => i != last))
        {
            await first.CompleteActivityWorkItemAsync(item, Result(item));
        }

        var step = await LockAsync(first);
        await first.CompleteOrchestrationWorkItemAsync(step, Step(step));
        await WaitForQueueLengthAsync(1);

        await first.StopAbruptlyAsync(releaseLeases: true);
        var second = await CreateStoreAsync();
        var again = new List<ActivityWorkItem> { await LockActivityAsync(second) };
        while (await second.LockNextActivityWorkItemAsync(TimeSpan.FromMilliseconds(500)) is { } more)
        {
            again.Add(more);
        }

        // The group of the unfinished request shows again whole (this store never learnt which of its requests were
        // settled); every other group was deleted when its results were committed.
        Assert.Contains(again, i => i.Message.Event.EventId == Unfinished);
        Assert.InRange(again.Count, 1, (FanOut + AzureStorageOrchestrationStore.MaxParallelRequests - 1) / AzureStorageOrchestrationStore.MaxParallelRequests);
    }

    [Fact]
    public async Task AbandonedRequest_OfAGroup_IsPutBackAlone_AndTheGroupWaitsForTheOthers()
    {
        var store = await CreateStoreAsync();
        await ScheduleFanOutAsync(store, "g4");
        var items = await LockActivitiesAsync(store, FanOut);
        var abandoned = items[0];

        await store.AbandonActivityWorkItemAsync(abandoned);
        var again = await LockActivityAsync(store);

        Assert.Equal(abandoned.Message.Event.EventId, again.Message.Event.EventId);
        foreach (var item in items.Skip(1).Append(again))
        {
            await store.CompleteActivityWorkItemAsync(item, Result(item));
        }

        var step = await LockAsync(store);
        Assert.Equal(Enumerable.Range(0, FanOut), step.Messages.Select(m => m.Event.TaskScheduledId!.Value).Order());
        await store.CompleteOrchestrationWorkItemAsync(step, Step(step, OrchestrationRuntimeStatus.Completed));
        await WaitForQueueLengthAsync(0);
    }
}
