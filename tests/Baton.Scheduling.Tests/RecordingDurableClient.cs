using System.Collections.Concurrent;
using Baton.Durable;

namespace Baton.Scheduling.Tests;

/// <summary>
/// A client with the start semantics of the real one: an id held by a pending or running instance is refused, a
/// finished one is replaced. Counts the starts it accepted.
/// </summary>
internal sealed class RecordingDurableClient : DurableTaskClient
{
    private readonly ConcurrentDictionary<string, OrchestrationMetadata> instances = new();
    private readonly ConcurrentQueue<(string Name, string InstanceId, object? Input)> starts = new();

    /// <summary>When true, every started instance is Completed at once (so only an "any status" check prevents a restart).</summary>
    public bool CompleteImmediately { get; init; }

    public IReadOnlyList<(string Name, string InstanceId, object? Input)> Starts => [.. starts];

    public override DataConverter DataConverter => JsonDataConverter.Default;

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var status = CompleteImmediately ? OrchestrationRuntimeStatus.Completed : OrchestrationRuntimeStatus.Running;
        var created = new OrchestrationMetadata(orchestratorName.Name, id) { RuntimeStatus = status };
        var stored = instances.AddOrUpdate(
            id,
            created,
            (_, existing) => existing.IsRunning ? throw new OrchestrationAlreadyExistsException(id, existing.RuntimeStatus) : created);
        starts.Enqueue((orchestratorName.Name, id, input));
        return Task.FromResult(stored.InstanceId);
    }

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(instances.GetValueOrDefault(instanceId));

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<IReadOnlyList<HistoryEvent>?> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default) => throw new NotSupportedException();
}
