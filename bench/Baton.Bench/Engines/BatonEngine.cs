using Baton.Durable;
using Baton.Durable.AzureStorage;

namespace Baton.Bench.Engines;

/// <summary>Baton's engine on the benchmark's store, through <see cref="BenchHost"/>.</summary>
internal sealed class BatonEngine(BenchHost host) : IBenchEngine
{
    public string Name => "Baton";

    /// <summary>The host, for figures only Baton has (steps, time in steps).</summary>
    public BenchHost Host => host;

    public long? StorageRequests => (host.Counters.Inner as AzureStorageOrchestrationStore)?.RequestCounter.Total;

    public IReadOnlyDictionary<string, long> RequestsByKind =>
        (host.Counters.Inner as AzureStorageOrchestrationStore)?.RequestCounter.ByKind ?? new Dictionary<string, long>();

    public IReadOnlyList<string>? ClientProcessArguments => host.Owner.ClientProcessArguments(host.Counters.Inner) is { } args
        ? ["--engine", "baton", .. args]
        : null;

    public Task<string> StartAsync(string orchestration, int input) =>
        host.Client.ScheduleNewOrchestrationInstanceAsync(orchestration, input);

    public async Task<string?> CompletedAsync(string instanceId) =>
        (await BenchContext.CompletedAsync(host.Client, instanceId, getInputsAndOutputs: true)).SerializedOutput;

    public Task StartedAsync(string instanceId) =>
        host.Client.WaitForInstanceStartAsync(instanceId, cancellation: BenchContext.Timeout());

    public Task RaiseAsync(string instanceId) => host.Client.RaiseEventAsync(instanceId, Workloads.BenchTasks.EventName, "ok");

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
