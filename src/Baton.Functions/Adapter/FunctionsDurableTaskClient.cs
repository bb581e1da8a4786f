using Baton.Workflows.Hosting;
using Df = Microsoft.DurableTask;
using DfClient = Microsoft.DurableTask.Client;

namespace Baton.Functions.Adapter;

/// <summary>
/// Baton's <see cref="Baton.Durable.DurableTaskClient"/> over Durable Functions' client, so that Baton.Http's approval
/// endpoints serve the Functions app unchanged. Payloads cross as JSON elements made by Baton's converter; statuses share
/// their numeric values; history comes from <c>GetOrchestrationHistoryAsync</c>, mapped by <see cref="FunctionsHistory"/>.
/// Events are refused for unknown and finished instances, as Baton's contract says. Failed instances can be rewound.
/// Durable's metadata has no parent id: the dashboard nests sub-orchestrations by the <c>{parent}:...</c> ids that
/// <see cref="FunctionsOrchestrationContext"/> gives them.
/// </summary>
internal sealed class FunctionsDurableTaskClient(DfClient.DurableTaskClient inner, RegisteredTaskRunner runner) : Baton.Durable.DurableTaskClient
{
    public override Baton.Durable.DataConverter DataConverter => Baton.Durable.JsonDataConverter.Default;

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        Baton.Durable.TaskName orchestratorName,
        object? input = null,
        Baton.Durable.StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        if (options?.InstanceId is { } id && await inner.GetInstanceAsync(id, cancellation) is { IsRunning: true } running)
        {
            throw new Baton.Durable.OrchestrationAlreadyExistsException(id, (Baton.Durable.OrchestrationRuntimeStatus)running.RuntimeStatus);
        }

        return await inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName.Name, runner.ToElement(input), new Df.StartOrchestrationOptions(options?.InstanceId, options?.StartAt), cancellation);
    }

    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        var instance = await inner.GetInstanceAsync(instanceId, cancellation) ?? throw new Baton.Durable.OrchestrationNotFoundException(instanceId);
        if (instance.IsCompleted)
        {
            throw new Baton.Durable.OrchestrationFinishedException(instanceId, (Baton.Durable.OrchestrationRuntimeStatus)instance.RuntimeStatus);
        }

        await inner.RaiseEventAsync(instanceId, eventName, runner.ToElement(eventPayload), cancellation);
    }

    public override async Task<Baton.Durable.OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        await inner.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation) is { } metadata ? ToBaton(metadata) : null;

    public override async Task<IReadOnlyList<Baton.Durable.HistoryEvent>?> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        try
        {
            return FunctionsHistory.ToBaton(await inner.GetOrchestrationHistoryAsync(instanceId, cancellation));
        }
        catch (ArgumentException)
        {
            // Durable's documented answer for an instance that does not exist.
            return null;
        }
    }

    public override async Task<Baton.Durable.OrchestrationQueryResult> QueryInstancesAsync(Baton.Durable.OrchestrationQuery query, CancellationToken cancellation = default)
    {
        var filter = new DfClient.OrchestrationQuery(
            CreatedFrom: query.CreatedFrom,
            CreatedTo: query.CreatedTo,
            Statuses: query.Statuses?.Select(s => (DfClient.OrchestrationRuntimeStatus)s).ToList(),
            InstanceIdPrefix: query.InstanceIdPrefix,
            PageSize: query.PageSize,
            FetchInputsAndOutputs: query.FetchInputsAndOutputs,
            ContinuationToken: query.ContinuationToken);

        // Durable Functions has no name filter: it is applied to each page, so a page may hold fewer than PageSize.
        await foreach (var page in inner.GetAllInstancesAsync(filter).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellation))
        {
            var instances = page.Values
                .Where(i => query.Name is null || string.Equals(i.Name, query.Name, StringComparison.OrdinalIgnoreCase))
                .Select(ToBaton)
                .ToList();
            return new Baton.Durable.OrchestrationQueryResult(instances, page.ContinuationToken);
        }

        return new Baton.Durable.OrchestrationQueryResult([], null);
    }

    public override async Task<Baton.Durable.OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        ToBaton(await inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation));

    public override async Task<Baton.Durable.OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        ToBaton(await inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation));

    public override Task TerminateInstanceAsync(string instanceId, Baton.Durable.TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.TerminateInstanceAsync(instanceId, new DfClient.TerminateInstanceOptions(runner.ToElement(options?.Output), options?.Recursive ?? false), cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.ResumeInstanceAsync(instanceId, reason, cancellation);

    /// <summary>Durable Functions rewinds failed instances (where its storage provider supports it).</summary>
    public override bool SupportsRewind => true;

    public override async Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        try
        {
            await inner.RewindInstanceAsync(instanceId, reason ?? "Rewound through Baton", cancellation);
        }
        catch (ArgumentException)
        {
            // Durable's documented answer for an instance that does not exist.
            throw new Baton.Durable.OrchestrationNotFoundException(instanceId);
        }
        catch (NotImplementedException e)
        {
            throw new NotSupportedException("This app's Durable Functions storage provider cannot rewind a run; restart it instead (a new run with the same input). " + e.Message, e);
        }
    }

    public override async Task<Baton.Durable.PurgeResult> PurgeInstanceAsync(string instanceId, Baton.Durable.PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        new((await inner.PurgeInstanceAsync(instanceId, new DfClient.PurgeInstanceOptions(options?.Recursive ?? false), cancellation)).PurgedInstanceCount);

    public override async Task<Baton.Durable.PurgeResult> PurgeAllInstancesAsync(Baton.Durable.PurgeInstancesFilter filter, CancellationToken cancellation = default) =>
        new((await inner.PurgeAllInstancesAsync(new DfClient.PurgeInstancesFilter(filter.CreatedFrom, filter.CreatedTo, filter.Statuses?.Select(s => (DfClient.OrchestrationRuntimeStatus)s).ToList()), cancellation)).PurgedInstanceCount);

    private static Baton.Durable.OrchestrationMetadata ToBaton(DfClient.OrchestrationMetadata metadata) => new(metadata.Name, metadata.InstanceId)
    {
        RuntimeStatus = (Baton.Durable.OrchestrationRuntimeStatus)metadata.RuntimeStatus,
        CreatedAt = metadata.CreatedAt,
        LastUpdatedAt = metadata.LastUpdatedAt,
        CompletedAt = metadata.IsCompleted ? metadata.LastUpdatedAt : null,
        SerializedInput = metadata.SerializedInput,
        SerializedOutput = metadata.SerializedOutput,
        SerializedCustomStatus = metadata.SerializedCustomStatus,
        FailureDetails = metadata.FailureDetails is { } failure ? FunctionsFailures.ToBaton(failure) : null,
    };
}
