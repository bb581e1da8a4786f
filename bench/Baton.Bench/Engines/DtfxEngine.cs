using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Bench.Engines;

/// <summary>
/// The peer: the Durable Task Framework's Azure Storage provider (DurableTask.Core + DurableTask.AzureStorage) with
/// the settings Durable Functions gives it by default, a <see cref="TaskHubWorker"/> and a <see cref="TaskHubClient"/>
/// on one <see cref="AzureStorageOrchestrationService"/> (as Durable Functions shares it between host and client).
/// Every request of that service is counted in its storage clients' pipelines. Completion is observed by a second,
/// uncounted service instance that reads the instance's status every <see cref="StatusPollInterval"/>, so that what is
/// timed is the engine, not the polling cadence of a client's wait (Baton's client in another process reads as often).
/// </summary>
internal sealed class DtfxEngine : IBenchEngine
{
    /// <summary>How often a waiting client reads the status of the instance it waits for.</summary>
    public static readonly TimeSpan StatusPollInterval = TimeSpan.FromMilliseconds(10);

    private readonly AzureStorageOrchestrationService _service;
    private readonly AzureStorageOrchestrationService _observer;
    private readonly TaskHubWorker? _worker;
    private readonly TaskHubClient _client;
    private readonly Baton.Durable.AzureStorage.StorageRequestCounter _counter;
    private readonly string _connectionString;
    private readonly IAsyncDisposable? _owned;

    private DtfxEngine(string connectionString, string hubName, bool worker, IAsyncDisposable? owned)
    {
        _connectionString = connectionString;
        _owned = owned;
        _counter = new Baton.Durable.AzureStorage.StorageRequestCounter();
        HubName = hubName;
        _service = new AzureStorageOrchestrationService(Settings(connectionString, hubName, _counter));
        _observer = new AzureStorageOrchestrationService(Settings(connectionString, hubName, counter: null));
        _client = new TaskHubClient(_service, loggerFactory: NullLoggerFactory.Instance);
        if (worker)
        {
            _worker = new TaskHubWorker(_service, NullLoggerFactory.Instance);
            DtfxTasks.Register(_worker);
        }
    }

    public string Name => "DTFx";

    public string HubName { get; }

    public long? StorageRequests => _counter.Total;

    public IReadOnlyDictionary<string, long> RequestsByKind => _counter.ByKind;

    public IReadOnlyList<string>? ClientProcessArguments => ["--engine", "dtfx", "--connection", _connectionString, "--hub", HubName];

    /// <summary>Creates the task hub and starts a worker on it; <paramref name="owned"/> (the emulator) is disposed with the engine.</summary>
    public static async Task<DtfxEngine> StartAsync(string connectionString, string hubName, IAsyncDisposable? owned, bool worker = true)
    {
        var engine = new DtfxEngine(connectionString, hubName, worker, owned);
        await engine._service.CreateIfNotExistsAsync();
        if (engine._worker is not null)
        {
            await engine._worker.StartAsync();
        }

        return engine;
    }

    /// <summary>
    /// Durable Functions' defaults for the Azure Storage provider (Azure/azure-functions-durable-extension,
    /// AzureStorageOptions and AzureStorageDurabilityProviderFactory): 4 partitions, control queue batches of 32 with a
    /// buffer of 256, five-minute visibility timeouts, 30 s maximum polling interval, ten orchestrations and ten
    /// activities at once per core, no extended sessions, the table partition manager, the app lease, and
    /// duplicate-start errors. Everything else is the framework's own default.
    /// </summary>
    public static AzureStorageOrchestrationServiceSettings Settings(string connectionString, string hubName, Baton.Durable.AzureStorage.StorageRequestCounter? counter) => new()
    {
        TaskHubName = hubName,
        StorageAccountClientProvider = Clients(connectionString, counter),
        PartitionCount = 4,
        ControlQueueBatchSize = 32,
        ControlQueueBufferThreshold = 256,
        ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(5),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(5),
        MaxConcurrentTaskOrchestrationWorkItems = 10 * Environment.ProcessorCount,
        MaxConcurrentTaskActivityWorkItems = 10 * Environment.ProcessorCount,
        ExtendedSessionsEnabled = false,
        MaxQueuePollingInterval = TimeSpan.FromSeconds(30),
        FetchLargeMessageDataEnabled = true,
        ThrowExceptionOnInvalidDedupeStatus = true,
        UseAppLease = true,
        UseLegacyPartitionManagement = false,
        UseTablePartitionManagement = true,
        LoggerFactory = NullLoggerFactory.Instance,
    };

    private static StorageAccountClientProvider Clients(string connectionString, Baton.Durable.AzureStorage.StorageRequestCounter? counter)
    {
        var blob = new BlobClientOptions();
        var queue = new QueueClientOptions();
        var table = new TableClientOptions();
        // The store's own counting policy: the same place in the pipeline and the same kinds as Baton's counts.
        if (counter is not null)
        {
            blob.AddPolicy(new Baton.Durable.AzureStorage.RequestCountingPolicy(counter, "blob"), HttpPipelinePosition.PerRetry);
            queue.AddPolicy(new Baton.Durable.AzureStorage.RequestCountingPolicy(counter, "queue"), HttpPipelinePosition.PerRetry);
            table.AddPolicy(new Baton.Durable.AzureStorage.RequestCountingPolicy(counter, "table"), HttpPipelinePosition.PerRetry);
        }

        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(connectionString, blob),
            StorageServiceClientProvider.ForQueue(connectionString, queue),
            StorageServiceClientProvider.ForTable(connectionString, table));
    }

    public async Task<string> StartAsync(string orchestration, int input) =>
        (await _client.CreateOrchestrationInstanceAsync(orchestration, "", input)).InstanceId;

    public async Task<string?> CompletedAsync(string instanceId)
    {
        var state = await WaitAsync(instanceId, s => s.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed
            or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled);
        if (state.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            throw new InvalidOperationException($"Instance {instanceId} ended {state.OrchestrationStatus}: {state.Output}");
        }

        return state.Output;
    }

    public Task StartedAsync(string instanceId) => WaitAsync(instanceId, s => s.OrchestrationStatus != OrchestrationStatus.Pending);

    public Task RaiseAsync(string instanceId) =>
        _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, Workloads.BenchTasks.EventName, "ok");

    private async Task<OrchestrationState> WaitAsync(string instanceId, Func<OrchestrationState, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var state = await _observer.GetOrchestrationStateAsync(instanceId, executionId: null);
            if (state is not null && done(state))
            {
                return state;
            }

            if (deadline.Elapsed > BenchContext.Deadline)
            {
                throw new TimeoutException($"Instance {instanceId} did not reach the expected state within {BenchContext.Deadline}.");
            }

            await Task.Delay(StatusPollInterval);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(isForced: true);
        }

        _service.Dispose();
        _observer.Dispose();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }
}
