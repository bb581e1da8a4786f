using Baton.Bench.Workloads;
using Baton.Durable.AzureStorage;
using Baton.Durable.Client;

namespace Baton.Bench.Engines;

/// <summary>A Baton client without a worker on an existing task hub: the workers run in other processes.</summary>
internal sealed class BatonClientEngine(string connectionString, string hubName) : IBenchEngine
{
    private readonly AzureStorageOrchestrationStore _store = new(new AzureStorageOrchestrationStoreOptions { ConnectionString = connectionString, HubName = hubName });
    private DurableEngineClient? _client;

    private DurableEngineClient Client => _client ??= new DurableEngineClient(_store);

    public string Name => "Baton";

    public long? StorageRequests => _store.RequestCounter.Total;

    public IReadOnlyDictionary<string, long> RequestsByKind => _store.RequestCounter.ByKind;

    public IReadOnlyList<string>? ClientProcessArguments => ["--engine", "baton", "--connection", connectionString, "--hub", hubName];

    public Task CreateAsync() => _store.CreateIfNotExistsAsync();

    public Task<string> StartAsync(string orchestration, int input) => Client.ScheduleNewOrchestrationInstanceAsync(orchestration, input);

    public async Task<string?> CompletedAsync(string instanceId) =>
        (await BenchContext.CompletedAsync(Client, instanceId, getInputsAndOutputs: true)).SerializedOutput;

    public Task StartedAsync(string instanceId) => Client.WaitForInstanceStartAsync(instanceId, cancellation: BenchContext.Timeout());

    public Task RaiseAsync(string instanceId) => Client.RaiseEventAsync(instanceId, BenchTasks.EventName, "ok");

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
