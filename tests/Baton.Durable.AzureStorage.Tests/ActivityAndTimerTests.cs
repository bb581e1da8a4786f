using Azure.Storage.Queues;
using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class ActivityAndTimerTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static OrchestrationMessage Activity(string id, int taskId, string? input = "1") =>
        new(id, new HistoryEvent(taskId, HistoryEventType.TaskScheduled, Now) { Name = "Act", Input = input }) { ExecutionId = "e1" };

    [Fact]
    public async Task ScheduledActivity_IsLocked_AndItsResultReachesTheOrchestration()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("a1"), Started("a1"));
        var item = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, activities: [Activity("a1", 0)]));

        var activity = await LockActivityAsync(store);
        Assert.Equal("Act", activity.Message.Event.Name);
        Assert.Equal(1, activity.Message.DequeueCount);
        await store.RenewActivityWorkItemLockAsync(activity);
        await store.CompleteActivityWorkItemAsync(activity, new OrchestrationMessage("a1",
            new HistoryEvent(-1, HistoryEventType.TaskCompleted, Now) { TaskScheduledId = 0, Result = "42" })
        { ExecutionId = "e1" });

        var next = await LockAsync(store);
        var completed = Assert.Single(next.Messages);
        Assert.Equal(HistoryEventType.TaskCompleted, completed.Event.EventType);
        Assert.Equal("42", completed.Event.Result);

        // The request goes once the step that records its result is committed.
        var workItems = new QueueClient(Azurite.ConnectionString, HubName.ToLowerInvariant() + "-workitems");
        Assert.Equal(1, (await workItems.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await store.CompleteOrchestrationWorkItemAsync(next, Step(next));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var left = 1;
        while (left > 0 && DateTime.UtcNow < deadline)
        {
            left = (await workItems.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }

        Assert.Equal(0, left);
    }

    [Fact]
    public async Task ActivityRequest_FromAnotherProcess_IsPolled()
    {
        var scheduler = await CreateStoreAsync();
        await scheduler.CreateInstanceAsync(NewInstance("b1"), Started("b1"));
        var item = await LockAsync(scheduler);
        await scheduler.CompleteOrchestrationWorkItemAsync(item, Step(item, activities: [Activity("b1", 0, "\"x\"")]));

        var worker = await CreateStoreAsync();
        var activity = await LockActivityAsync(worker);

        Assert.Equal("\"x\"", activity.Message.Event.Input);
    }

    [Fact]
    public async Task AbandonedActivity_IsHandedOutAgain()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("c1"), Started("c1"));
        var item = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, activities: [Activity("c1", 0)]));
        var activity = await LockActivityAsync(store);

        await store.AbandonActivityWorkItemAsync(activity);

        var again = await LockActivityAsync(store);
        Assert.Equal(activity.Message.MessageId, again.Message.MessageId);
        Assert.True(again.Message.DequeueCount >= 2);
    }

    [Fact]
    public async Task DelayedMessage_IsNotHandedOutBeforeVisibleAt_OnTheStoresClock()
    {
        var time = NewFakeTime();
        var store = await CreateStoreAsync(time: time);
        await OwnAllPartitionsAsync(store);
        var due = time.GetUtcNow().UtcDateTime.AddHours(1);
        await store.SendMessageAsync(new OrchestrationMessage("d1",
            new HistoryEvent(-1, HistoryEventType.TimerFired, due) { TaskScheduledId = 0, FireAt = due })
        { VisibleAt = due });

        Assert.Null(await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(500)));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Null(await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300)));
        time.Advance(TimeSpan.FromMinutes(1));

        var item = await LockAsync(store);
        Assert.Equal(HistoryEventType.TimerFired, Assert.Single(item.Messages).Event.EventType);
    }

    [Fact]
    public async Task EarlyMessageInQueue_IsRearmed_AndHandedOutOnlyWhenDue()
    {
        // A message visible in the queue before its VisibleAt (written by a process with another clock, or past the
        // seven-day delay limit) must still wait.
        var time = NewFakeTime();
        var due = time.GetUtcNow().UtcDateTime.AddDays(30);
        var writer = await CreateStoreAsync();
        var raw = new QueueClient(Azurite.ConnectionString, HubName.ToLowerInvariant() + "-control-" + PartitionHash.Of("e1", 2).ToString("D2"));
        var message = new OrchestrationMessage("e1", new HistoryEvent(-1, HistoryEventType.TimerFired, due) { TaskScheduledId = 0, FireAt = due }) { VisibleAt = due };
        await raw.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(message, StoreJson.Options));

        var store = await CreateStoreAsync(time: time);
        Assert.Null(await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromSeconds(2)));
        time.Advance(TimeSpan.FromDays(30));

        var item = await LockAsync(store);
        Assert.Equal(due, Assert.Single(item.Messages).VisibleAt);
        Assert.NotNull(writer);
    }

    [Fact]
    public async Task AbandonWithDelay_WaitsOnTheStoresClock()
    {
        var time = NewFakeTime();
        var store = await CreateStoreAsync(time: time);
        await store.SendMessageAsync(Raised("f1"));
        var item = await LockAsync(store);

        await store.AbandonOrchestrationWorkItemAsync(item, TimeSpan.FromMinutes(10));

        Assert.Null(await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300)));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(2, Assert.Single((await LockAsync(store)).Messages).DequeueCount);
    }

    [Fact]
    public async Task Defer_HandsTheMessagesOutAgainOnTheWallClock_WithTheStoresClockStopped_Uncounted()
    {
        var time = NewFakeTime();
        var store = await CreateStoreAsync(time: time);
        await store.SendMessageAsync(Raised("g1"));
        var item = await LockAsync(store);
        Assert.Equal(1, Assert.Single(item.Messages).DequeueCount);

        await store.DeferOrchestrationWorkItemAsync(item, TimeSpan.FromMilliseconds(200));

        var again = await LockAsync(store);
        Assert.Equal("g1", again.InstanceId);
        Assert.Equal(1, Assert.Single(again.Messages).DequeueCount);
    }
}
