using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>The requests the store saves (results handed over in memory, rows not rewritten, rows read from memory), and that saving them loses nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestEconomyTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static OrchestrationMessage Activity(string id) =>
        new(id, new HistoryEvent(0, HistoryEventType.TaskScheduled, Now) { Name = "Act", Input = "1" }) { ExecutionId = "e1" };

    private static OrchestrationMessage Result(string id) =>
        new(id, new HistoryEvent(-1, HistoryEventType.TaskCompleted, Now) { TaskScheduledId = 0, Result = "42" }) { ExecutionId = "e1" };

    private static long Count(AzureStorageOrchestrationStore store, string kind) => store.RequestCounter.ByKind.GetValueOrDefault(kind);

    /// <summary>Starts "id", commits its first step scheduling one activity, and locks that activity.</summary>
    private static async Task<ActivityWorkItem> ScheduleAndLockActivityAsync(AzureStorageOrchestrationStore store, string id)
    {
        await OwnAllPartitionsAsync(store);
        await store.CreateInstanceAsync(NewInstance(id), Started(id));
        var item = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, activities: [Activity(id)]));
        return await LockActivityAsync(store);
    }

    [Fact]
    public async Task ActivityResult_ForAnOwnedPartition_IsHandedOverWithoutAQueueMessage()
    {
        var store = await CreateStoreAsync();
        var activity = await ScheduleAndLockActivityAsync(store, "h1");
        var sentBefore = Count(store, "queue.put-message");

        await store.CompleteActivityWorkItemAsync(activity, Result("h1"));

        var next = await LockAsync(store);
        Assert.Equal("42", Assert.Single(next.Messages).Event.Result);
        Assert.Equal(sentBefore, Count(store, "queue.put-message"));
    }

    [Fact]
    public async Task HandedOverResult_OfAStoreThatShutsDown_ReachesTheNextOwner()
    {
        var first = await CreateStoreAsync();
        var activity = await ScheduleAndLockActivityAsync(first, "h2");
        await first.CompleteActivityWorkItemAsync(activity, Result("h2"));

        await first.DisposeAsync();
        var second = await CreateStoreAsync();
        var next = await LockAsync(second);

        Assert.Equal("h2", next.InstanceId);
        Assert.Contains(next.Messages, m => m.Event.EventType == HistoryEventType.TaskCompleted && m.Event.Result == "42");
    }

    [Fact]
    public async Task HeldMessage_OfAStoreThatShutsDown_IsVisibleToTheNextOwnerBeforeItsVisibilityTimeout()
    {
        // Five minutes of hiding would outlast the wait below: only showing held messages on release passes.
        var first = await CreateStoreAsync(o => o.ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(5));
        await OwnAllPartitionsAsync(first);
        await first.CreateInstanceAsync(NewInstance("h5"), Started("h5"));

        await first.DisposeAsync();
        var second = await CreateStoreAsync(o => o.ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(5));
        OrchestrationWorkItem next;
        try
        {
            next = await LockAsync(second);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + Environment.NewLine + "First store:" + LogOf(first), e);
        }

        Assert.Equal("h5", next.InstanceId);
        Assert.Contains(next.Messages, m => m.Event.EventType == HistoryEventType.ExecutionStarted);
    }

    [Fact]
    public async Task HandedOverResult_OfACrashedStore_IsProducedAgainFromItsRequest()
    {
        var first = await CreateStoreAsync(o => o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(1));
        var activity = await ScheduleAndLockActivityAsync(first, "h3");
        await first.CompleteActivityWorkItemAsync(activity, Result("h3"));

        await first.StopAbruptlyAsync(releaseLeases: true);
        var second = await CreateStoreAsync();
        var again = await LockActivityAsync(second);

        Assert.Equal("h3", again.Message.InstanceId);
        Assert.Equal("Act", again.Message.Event.Name);
    }

    [Fact]
    public async Task Step_ThatChangesOnlyTheUpdateTime_DoesNotRewriteTheRow()
    {
        var store = await CreateStoreAsync();
        await OwnAllPartitionsAsync(store);
        await store.CreateInstanceAsync(NewInstance("r1"), Started("r1"));
        var first = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(first, Step(first));
        await store.SendMessageAsync(Raised("r1"));
        var second = await LockAsync(store);
        var updatesBefore = Count(store, "table.update");

        await store.CompleteOrchestrationWorkItemAsync(second, Step(second));

        Assert.Equal(updatesBefore, Count(store, "table.update"));
        Assert.Equal(6, (await store.GetHistoryAsync("r1")).Count);
        var reader = await CreateStoreAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await reader.GetInstanceAsync("r1", includePayloads: true))?.RuntimeStatus);
    }

    [Fact]
    public async Task RunningInstance_OfAnOwnedPartition_IsReadFromMemory_AndFinishedOneFromTheTable()
    {
        var store = await CreateStoreAsync();
        await OwnAllPartitionsAsync(store);
        await store.CreateInstanceAsync(NewInstance("m1"), Started("m1"));
        var item = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item));
        var readsBefore = Count(store, "table.query");

        var running = await store.GetInstanceAsync("m1", includePayloads: true);

        Assert.Equal(OrchestrationRuntimeStatus.Running, running?.RuntimeStatus);
        Assert.Equal("\"in\"", running?.Input);
        Assert.Equal(readsBefore, Count(store, "table.query"));

        await store.SendMessageAsync(Raised("m1"));
        var last = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(last, Step(last, OrchestrationRuntimeStatus.Completed, output: "\"out\""));
        var done = await store.GetInstanceAsync("m1", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done?.RuntimeStatus);
        Assert.Equal("\"out\"", done?.Output);
        Assert.True(Count(store, "table.query") > readsBefore);
    }

    [Fact]
    public async Task Query_WithInputs_ReadsPayloadBlobsOnlyForThePage()
    {
        var store = await CreateStoreAsync();
        var large = "\"" + new string('x', 200_000) + "\"";
        for (var i = 0; i < 6; i++)
        {
            await store.CreateInstanceAsync(NewInstance($"q{i}", large), Started($"q{i}", large));
        }

        var downloadsBefore = Count(store, "blob.get");
        var summaries = await store.QueryInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q", PageSize: 2));
        var afterSummaries = Count(store, "blob.get");
        var page = await store.QueryInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q", PageSize: 2, FetchInputsAndOutputs: true));

        Assert.Equal(2, summaries.Instances.Count);
        Assert.All(summaries.Instances, i => Assert.Null(i.Input));
        Assert.Equal(downloadsBefore, afterSummaries);
        Assert.Equal(2, page.Instances.Count);
        Assert.All(page.Instances, i => Assert.Equal(large, i.Input));
        Assert.Equal(afterSummaries + 2, Count(store, "blob.get"));
        Assert.Equal("2", page.ContinuationToken);
    }

    [Fact]
    public void PollingBackoff_GrowsToItsCeiling_AndANudgeBringsTheNextPollForward()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var waits = Enumerable.Range(0, 12).Select(_ => backoff.Next()).ToList();
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(18), TimeSpan.FromMilliseconds(1100)));
        Assert.InRange(waits[^1], TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(1100));

        backoff.ResetTo(TimeSpan.FromMilliseconds(100));

        Assert.InRange(backoff.Next(), TimeSpan.FromMilliseconds(90), TimeSpan.FromMilliseconds(110));
    }
}
