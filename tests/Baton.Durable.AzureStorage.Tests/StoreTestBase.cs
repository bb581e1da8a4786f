using Baton.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>Creates stores on a fresh task hub of the shared Azurite and disposes them after the test.</summary>
public abstract class StoreTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AzureStorageOrchestrationStore, CapturedLogs> StoreLogs = [];
    private readonly List<AzureStorageOrchestrationStore> _stores = [];

    protected AzuriteFixture Azurite { get; } = azurite;

    protected string HubName { get; } = AzuriteFixture.NewHubName();

    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    protected AzureStorageOrchestrationStoreOptions NewOptions(Action<AzureStorageOrchestrationStoreOptions>? configure = null)
    {
        var options = new AzureStorageOrchestrationStoreOptions
        {
            ConnectionString = Azurite.ConnectionString,
            HubName = HubName,
            PartitionCount = 2,
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
            LeaseAcquireInterval = TimeSpan.FromMilliseconds(200),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return options;
    }

    protected async Task<AzureStorageOrchestrationStore> CreateStoreAsync(
        Action<AzureStorageOrchestrationStoreOptions>? configure = null, TimeProvider? time = null)
    {
        var logs = new CapturedLogs(Microsoft.Extensions.Logging.LogLevel.Information);
        var store = new AzureStorageOrchestrationStore(NewOptions(configure), logs.Factory, time);
        StoreLogs.Add(store, logs);
        _stores.Add(store);
        await store.CreateIfNotExistsAsync();
        return store;
    }

    /// <summary>Locks the next work item, waiting as long as it takes the store to own its partitions and poll.</summary>
    protected static async Task<OrchestrationWorkItem> LockAsync(AzureStorageOrchestrationStore store)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            var item = await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1));
            if (item is not null)
            {
                return item;
            }
        }

        throw new TimeoutException("No orchestration work item arrived in time." + LogOf(store));
    }

    protected static async Task<ActivityWorkItem> LockActivityAsync(AzureStorageOrchestrationStore store)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            var item = await store.LockNextActivityWorkItemAsync(TimeSpan.FromSeconds(1));
            if (item is not null)
            {
                return item;
            }
        }

        throw new TimeoutException("No activity work item arrived in time." + LogOf(store));
    }

    /// <summary>The store's log (information and above), for a failure message.</summary>
    protected static string LogOf(AzureStorageOrchestrationStore store) =>
        StoreLogs.TryGetValue(store, out var logs) ? Environment.NewLine + "Store log:" + Environment.NewLine + logs.Tail() : string.Empty;

    /// <summary>Waits until the store owns every partition, so that nothing it sends needs a poll.</summary>
    protected static async Task OwnAllPartitionsAsync(AzureStorageOrchestrationStore store, int partitions = 2)
    {
        _ = await store.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(1));
        var deadline = DateTime.UtcNow + Wait;
        while (store.OwnedPartitionCount < partitions)
        {
            Assert.True(DateTime.UtcNow < deadline, "The store did not acquire its partitions in time.");
            await Task.Delay(20);
        }
    }

    protected static DateTime Now => DateTime.UtcNow;

    protected static InstanceState NewInstance(string id, string? input = "\"in\"", string name = "Flow") =>
        new(id, name) { ExecutionId = "e1", RuntimeStatus = OrchestrationRuntimeStatus.Pending, CreatedAt = Now, LastUpdatedAt = Now, Input = input };

    protected static OrchestrationMessage Started(string id, string? input = "\"in\"", string executionId = "e1") =>
        new(id, new HistoryEvent(-1, HistoryEventType.ExecutionStarted, Now) { Name = "Flow", Input = input, ExecutionId = executionId })
        {
            ExecutionId = executionId,
        };

    protected static OrchestrationMessage Raised(string id, string name = "go", string? input = "1") =>
        new(id, new HistoryEvent(-1, HistoryEventType.EventRaised, Now) { Name = name, Input = input });

    /// <summary>A step that records the messages' events and leaves the instance Running (or <paramref name="status"/>).</summary>
    protected static OrchestrationStepResult Step(
        OrchestrationWorkItem item,
        OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running,
        IReadOnlyList<HistoryEvent>? extra = null,
        IReadOnlyList<OrchestrationMessage>? activities = null,
        IReadOnlyList<OrchestrationMessage>? orchestrations = null,
        string? output = null)
    {
        var events = new List<HistoryEvent> { new(-1, HistoryEventType.OrchestratorStarted, Now) };
        events.AddRange(item.Messages.Select(m => m.Event));
        events.AddRange(extra ?? []);
        events.Add(new HistoryEvent(-1, HistoryEventType.OrchestratorCompleted, Now));
        var row = item.Instance ?? NewInstance(item.InstanceId);
        return new OrchestrationStepResult
        {
            NewEvents = events,
            Instance = row with { RuntimeStatus = status, LastUpdatedAt = Now, Output = output ?? row.Output },
            ActivityMessages = activities ?? [],
            OrchestratorMessages = orchestrations ?? [],
        };
    }

    protected static FakeTimeProvider NewFakeTime() => new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
