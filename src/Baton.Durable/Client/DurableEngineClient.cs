using Baton.Durable.Storage;
using Baton.Durable.Telemetry;

namespace Baton.Durable.Client;

/// <summary>
/// The client of Baton's own engine: starts and manages instances by writing to the store that the workers read.
/// Any number of clients, in any process, may share a store. Thread-safe.
/// </summary>
public sealed class DurableEngineClient(IOrchestrationStore store, DataConverter? converter = null, TimeProvider? timeProvider = null)
    : DurableTaskClient
{
    /// <summary>The longest instance id accepted (Azure Table keys allow more, but ids travel in URLs and queue messages).</summary>
    public const int MaxInstanceIdLength = 256;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly IOrchestrationStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public override DataConverter DataConverter { get; } = converter ?? JsonDataConverter.Default;

    /// <summary>Checks an instance id and says what is wrong with it; null when it is valid.</summary>
    public static string? ValidateInstanceId(string? instanceId)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            return "The instance id must not be empty.";
        }

        if (instanceId.Length > MaxInstanceIdLength)
        {
            return $"The instance id is {instanceId.Length} characters long; the limit is {MaxInstanceIdLength}.";
        }

        foreach (var c in instanceId)
        {
            if (char.IsControl(c) || c is '/' or '\\' or '#' or '?')
            {
                return $"The instance id '{instanceId}' contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'; " +
                       "control characters and / \\ # ? are not allowed.";
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (ValidateInstanceId(instanceId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var startAt = options?.StartAt?.UtcDateTime;
        var executionId = Guid.NewGuid().ToString("N");
        var serializedInput = DataConverter.Serialize(input);
        var row = new InstanceState(instanceId, orchestratorName.Name)
        {
            ExecutionId = executionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = serializedInput,
            ScheduledStartAt = startAt,
        };
        var traceParent = DurableTelemetry.NewRunTraceParent();
        var start = new OrchestrationMessage(instanceId, new HistoryEvent(-1, HistoryEventType.ExecutionStarted, now)
        {
            Name = orchestratorName.Name,
            Input = serializedInput,
            ExecutionId = executionId,
            Tags = new Dictionary<string, string> { [DurableTelemetry.TraceParentTag] = traceParent },
        })
        {
            ExecutionId = executionId,
            VisibleAt = startAt > now ? startAt : null,
            TraceParent = traceParent,
        };

        await _store.CreateInstanceAsync(row, start, cancellation);
        return instanceId;
    }

    /// <inheritdoc />
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await RequireRunningAsync(instanceId, cancellation);
        await SendAsync(instanceId, new HistoryEvent(-1, HistoryEventType.EventRaised, Now) { Name = eventName, Input = DataConverter.Serialize(eventPayload) }, cancellation);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var row = await _store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
        return row is null ? null : ToMetadata(row);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<HistoryEvent>?> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        if (await _store.GetInstanceAsync(instanceId, includePayloads: false, cancellation) is null)
        {
            return null;
        }

        return await _store.GetHistoryAsync(instanceId, cancellation);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "PageSize must be between 1 and 1000.");
        }

        var page = await _store.QueryInstancesAsync(query, cancellation);
        return new OrchestrationQueryResult([.. page.Instances.Select(ToMetadata)], page.ContinuationToken);
    }

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, status => status != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, status => status.IsTerminal(), cancellation);

    /// <inheritdoc />
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        await RequireRunningAsync(instanceId, cancellation);
        var output = DataConverter.Serialize(options?.Output);
        await SendAsync(instanceId, new HistoryEvent(-1, HistoryEventType.ExecutionTerminated, Now)
        {
            Input = output,
            Reason = options?.Output as string,
            Tags = options?.Recursive == true ? new Dictionary<string, string> { ["recursive"] = "true" } : null,
        }, cancellation);
    }

    /// <inheritdoc />
    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireRunningAsync(instanceId, cancellation);
        await SendAsync(instanceId, new HistoryEvent(-1, HistoryEventType.ExecutionSuspended, Now) { Reason = reason }, cancellation);
    }

    /// <inheritdoc />
    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireRunningAsync(instanceId, cancellation);
        await SendAsync(instanceId, new HistoryEvent(-1, HistoryEventType.ExecutionResumed, Now) { Reason = reason }, cancellation);
    }

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var purged = 0;
        if (options?.Recursive == true)
        {
            var history = await _store.GetHistoryAsync(instanceId, cancellation);
            foreach (var child in history.Where(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated).Select(e => e.InstanceId!).Distinct(StringComparer.Ordinal))
            {
                purged += (await PurgeInstanceAsync(child, options, cancellation)).PurgedInstanceCount;
            }
        }

        if (await _store.PurgeInstanceAsync(instanceId, cancellation))
        {
            purged++;
        }

        return new PurgeResult(purged);
    }

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default) =>
        new(await _store.PurgeInstancesAsync(filter, cancellation));

    private DateTime Now => _timeProvider.GetUtcNow().UtcDateTime;

    private async Task<OrchestrationMetadata> WaitForAsync(
        string instanceId,
        bool getInputsAndOutputs,
        Func<OrchestrationRuntimeStatus, bool> done,
        CancellationToken cancellation)
    {
        while (true)
        {
            // Start listening before reading, so that a change in between is not missed.
            var changed = _store.WaitForInstanceChangeAsync(instanceId, PollInterval, cancellation);
            var row = await _store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
            if (row is not null && done(row.RuntimeStatus))
            {
                return ToMetadata(row);
            }

            await changed;
            cancellation.ThrowIfCancellationRequested();
        }
    }

    private async Task RequireRunningAsync(string instanceId, CancellationToken cancellation)
    {
        var row = await _store.GetInstanceAsync(instanceId, includePayloads: false, cancellation)
            ?? throw new OrchestrationNotFoundException(instanceId);
        if (row.RuntimeStatus.IsTerminal())
        {
            throw new OrchestrationFinishedException(instanceId, row.RuntimeStatus);
        }
    }

    private Task SendAsync(string instanceId, HistoryEvent e, CancellationToken cancellation) =>
        _store.SendMessageAsync(new OrchestrationMessage(instanceId, e), cancellation);

    private OrchestrationMetadata ToMetadata(InstanceState row) => new(row.Name, row.InstanceId)
    {
        RuntimeStatus = row.RuntimeStatus,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(row.LastUpdatedAt, DateTimeKind.Utc)),
        CompletedAt = row.CompletedAt is { } completed ? new DateTimeOffset(DateTime.SpecifyKind(completed, DateTimeKind.Utc)) : null,
        SerializedInput = row.Input,
        SerializedOutput = row.Output,
        SerializedCustomStatus = row.CustomStatus,
        FailureDetails = row.FailureDetails,
        ParentInstanceId = row.ParentInstanceId,
        DataConverter = DataConverter,
    };
}
