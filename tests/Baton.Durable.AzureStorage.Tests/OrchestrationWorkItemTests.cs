using Azure;
using Azure.Data.Tables;
using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class OrchestrationWorkItemTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    [Fact]
    public async Task CreateInstance_ThenLock_HandsOutStartMessageWithRowAndEmptyHistory()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("a1"), Started("a1"));

        var item = await LockAsync(store);

        Assert.Equal("a1", item.InstanceId);
        var message = Assert.Single(item.Messages);
        Assert.Equal(HistoryEventType.ExecutionStarted, message.Event.EventType);
        Assert.Equal(1, message.DequeueCount);
        Assert.Empty(item.History);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, item.Instance?.RuntimeStatus);
    }

    [Fact]
    public async Task Complete_AppendsHistory_UpdatesRow_AndDeletesMessages()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("b1"), Started("b1"));
        var item = await LockAsync(store);

        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, OrchestrationRuntimeStatus.Completed, output: "\"done\""));

        var history = await store.GetHistoryAsync("b1");
        Assert.Equal(
            [HistoryEventType.OrchestratorStarted, HistoryEventType.ExecutionStarted, HistoryEventType.OrchestratorCompleted],
            history.Select(e => e.EventType));
        var row = await store.GetInstanceAsync("b1", includePayloads: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, row?.RuntimeStatus);
        Assert.Equal("\"done\"", row?.Output);
        Assert.Null(await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(500)));
        var control = new Azure.Storage.Queues.QueueClient(Azurite.ConnectionString, HubName.ToLowerInvariant() + "-control-" + PartitionHash.Of("b1", 2).ToString("D2"));
        Assert.Empty((await control.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task SecondStep_UsesHistoryOfFirst_AndKeepsEventFieldsExactly()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("c1"), Started("c1"));
        var first = await LockAsync(store);
        var stamp = new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567);
        var scheduled = new HistoryEvent(0, HistoryEventType.TaskScheduled, stamp)
        {
            Name = "Act",
            Input = "{\"x\":1}",
            Tags = new Dictionary<string, string> { ["k"] = "v" },
            FailureDetails = new TaskFailureDetails("T", "m", "s", new TaskFailureDetails("I", "n")),
        };
        await store.CompleteOrchestrationWorkItemAsync(first, Step(first, extra: [scheduled]));
        await store.SendMessageAsync(Raised("c1"));

        var second = await LockAsync(store);
        var reloaded = await store.GetHistoryAsync("c1");

        Assert.Equal(4, second.History.Count);
        Assert.Equal(4, reloaded.Count);
        var stored = reloaded.Single(e => e.EventType == HistoryEventType.TaskScheduled);
        Assert.Equal(stamp, stored.Timestamp);
        Assert.Equal("Act", stored.Name);
        Assert.Equal("{\"x\":1}", stored.Input);
        Assert.Equal("v", stored.Tags?["k"]);
        Assert.Equal("I", stored.FailureDetails?.InnerFailure?.ErrorType);
        Assert.Equal(HistoryEventType.EventRaised, Assert.Single(second.Messages).Event.EventType);
    }

    [Fact]
    public async Task MessagesForOneInstance_ArrivingTogether_AreHandedOutInOneWorkItem()
    {
        var sender = await CreateStoreAsync();
        for (var i = 0; i < 20; i++)
        {
            await sender.SendMessageAsync(Raised("d1", "e" + i));
        }

        var store = await CreateStoreAsync();
        var item = await LockAsync(store);

        Assert.Equal(20, item.Messages.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "e" + i), item.Messages.Select(m => m.Event.Name));
    }

    [Fact]
    public async Task Lock_WhileInstanceIsLocked_DoesNotHandOutItsNewMessages()
    {
        var store = await CreateStoreAsync();
        await OwnAllPartitionsAsync(store);
        await store.SendMessageAsync(Raised("e1", "first"));
        var item = await LockAsync(store);
        await store.SendMessageAsync(Raised("e1", "second"));

        Assert.Null(await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300)));

        await store.CompleteOrchestrationWorkItemAsync(item, Step(item));
        var next = await LockAsync(store);
        Assert.Equal("second", Assert.Single(next.Messages).Event.Name);
    }

    [Fact]
    public async Task Abandon_ThenLockAgain_CountsEachDelivery()
    {
        var store = await CreateStoreAsync();
        await store.SendMessageAsync(Raised("f1"));

        var counts = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            var item = await LockAsync(store);
            counts.Add(Assert.Single(item.Messages).DequeueCount);
            await store.AbandonOrchestrationWorkItemAsync(item);
        }

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], counts);
    }

    [Fact]
    public async Task Complete_WhenHistoryChangedSinceLock_ThrowsConcurrency_AndWritesNothing()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("g1"), Started("g1"));
        var first = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(first, Step(first));
        await store.SendMessageAsync(Raised("g1"));
        var second = await LockAsync(store);

        // Another writer touches the sentinel, as a process that took the partition over would.
        var history = new TableClient(Azurite.ConnectionString, HubName + "History");
        var sentinel = (await history.GetEntityAsync<TableEntity>("g1", "sentinel")).Value;
        await history.UpdateEntityAsync(sentinel, ETag.All, TableUpdateMode.Replace);

        await Assert.ThrowsAsync<OrchestrationConcurrencyException>(
            () => store.CompleteOrchestrationWorkItemAsync(second, Step(second, OrchestrationRuntimeStatus.Completed)));

        Assert.Equal(3, (await store.GetHistoryAsync("g1")).Count);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await store.GetInstanceAsync("g1", false))?.RuntimeStatus);
        await store.AbandonOrchestrationWorkItemAsync(second);
        var retried = await LockAsync(store);
        Assert.Equal(HistoryEventType.EventRaised, Assert.Single(retried.Messages).Event.EventType);
        Assert.Equal(3, retried.History.Count);
        await store.CompleteOrchestrationWorkItemAsync(retried, Step(retried));
        Assert.Equal(6, (await store.GetHistoryAsync("g1")).Count);
    }

    [Fact]
    public async Task Complete_WithHundredsOfEvents_SplitsTransactions_AndReadsBackInOrder()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("h1"), Started("h1"));
        var item = await LockAsync(store);
        var scheduled = Enumerable.Range(0, 250)
            .Select(i => new HistoryEvent(i, HistoryEventType.TaskScheduled, Now) { Name = "Act", Input = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ToList();

        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, extra: scheduled));

        var history = await store.GetHistoryAsync("h1");
        Assert.Equal(253, history.Count);
        Assert.Equal(Enumerable.Range(0, 250), history.Where(e => e.EventType == HistoryEventType.TaskScheduled).Select(e => e.EventId));
    }

    [Fact]
    public async Task NewExecution_ReplacesHistory()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("i1"), Started("i1"));
        var item = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item));
        await store.SendMessageAsync(Raised("i1"));
        var second = await LockAsync(store);

        var restart = new List<HistoryEvent>
        {
            new(-1, HistoryEventType.OrchestratorStarted, Now),
            new(-1, HistoryEventType.ExecutionStarted, Now) { ExecutionId = "e2", Input = "\"again\"" },
        };
        await store.CompleteOrchestrationWorkItemAsync(second, new OrchestrationStepResult
        {
            NewExecution = true,
            NewEvents = restart,
            Instance = second.Instance! with { ExecutionId = "e2", Input = "\"again\"" },
        });

        var history = await store.GetHistoryAsync("i1");
        Assert.Equal("e2", Assert.Single(history, e => e.EventType == HistoryEventType.ExecutionStarted).ExecutionId);
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task CreateInstance_WhileRunning_Throws_AndAfterCompletion_Replaces()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("j1"), Started("j1"));

        var error = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => store.CreateInstanceAsync(NewInstance("j1"), Started("j1")));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, error.Status);

        var item = await LockAsync(store);
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, OrchestrationRuntimeStatus.Completed));
        await store.CreateInstanceAsync(NewInstance("j1", "\"second\""), Started("j1", "\"second\"", "e2"));
        var again = await LockAsync(store);
        Assert.Equal("\"second\"", again.Instance?.Input);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, again.Instance?.RuntimeStatus);
    }

    [Fact]
    public async Task WaitForInstanceChange_WakesOnCommitInThisProcess()
    {
        var store = await CreateStoreAsync();
        await store.CreateInstanceAsync(NewInstance("k1"), Started("k1"));
        var item = await LockAsync(store);
        var waiting = store.WaitForInstanceChangeAsync("k1", TimeSpan.FromMinutes(5));

        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, OrchestrationRuntimeStatus.Completed));

        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(Wait)));
    }

    [Fact]
    public async Task StepWithoutInstance_DeletesMessages_AndWritesNoRow()
    {
        var store = await CreateStoreAsync();
        await store.SendMessageAsync(Raised("l1"));
        var item = await LockAsync(store);

        await store.CompleteOrchestrationWorkItemAsync(item, new OrchestrationStepResult { NewEvents = [], Instance = null });

        Assert.Null(await store.GetInstanceAsync("l1", false));
        Assert.Empty(await store.GetHistoryAsync("l1"));
        Assert.Null(await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300)));
    }
}
