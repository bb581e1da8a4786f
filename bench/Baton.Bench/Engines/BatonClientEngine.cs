using Baton.Bench.Workloads;
using Baton.Durable;
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

    /// <summary>
    /// Reads the instance's row every <see cref="DtfxEngine.StatusPollInterval"/>, as the peer's observer does: the
    /// client's own wait, in a process that runs no steps, reads it once a second.
    /// </summary>
    public async Task<string?> CompletedAsync(string instanceId)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var row = await _store.GetInstanceAsync(instanceId, includePayloads: true);
            if (row is not null && row.RuntimeStatus.IsTerminal())
            {
                return row.RuntimeStatus == Durable.OrchestrationRuntimeStatus.Completed
                    ? row.Output
                    : throw new InvalidOperationException($"Instance {instanceId} ended {row.RuntimeStatus}.");
            }

            if (deadline.Elapsed > BenchContext.Deadline)
            {
                throw new TimeoutException($"Instance {instanceId} did not complete within {BenchContext.Deadline}.");
            }

            await Task.Delay(DtfxEngine.StatusPollInterval);
        }
    }

    public Task StartedAsync(string instanceId) => Client.WaitForInstanceStartAsync(instanceId, cancellation: BenchContext.Timeout());

    public Task RaiseAsync(string instanceId) => Client.RaiseEventAsync(instanceId, BenchTasks.EventName, "ok");

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
