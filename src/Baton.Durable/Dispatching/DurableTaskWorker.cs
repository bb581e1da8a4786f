using System.Collections.Concurrent;
using System.Diagnostics;
using Baton.Durable.Storage;
using Baton.Durable.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Baton.Durable.Dispatching;

/// <summary>
/// Runs orchestrations and activities from a store: a pool of orchestration loops and a pool of activity loops,
/// each bounded by <see cref="DurableWorkerOptions"/>. Stopping lets running work finish for the grace period, then
/// cancels activities and returns their work items to the store, so nothing is lost. Many workers (in one process
/// or several) may share one store.
/// </summary>
public sealed class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private readonly IOrchestrationStore _store;
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly DataConverter _converter;
    private readonly TimeProvider _timeProvider;
    private readonly DurableWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly OrchestrationStepProcessor _processor;
    private readonly CancellationTokenSource _stopReceiving = new();
    private readonly CancellationTokenSource _cancelWork = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<CancellationTokenSource, byte>> _runningActivities = new(StringComparer.Ordinal);
    private readonly List<Task> _loops = [];
    private int _abandoned;
    private bool _started;

    /// <summary>Creates a worker; <see cref="StartAsync"/> starts it.</summary>
    public DurableTaskWorker(
        IOrchestrationStore store,
        DurableTaskRegistry registry,
        IServiceProvider services,
        IOptions<DurableWorkerOptions>? options = null,
        DataConverter? converter = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _options = options?.Value ?? new DurableWorkerOptions();
        _options.Validate();
        _converter = converter ?? JsonDataConverter.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        _processor = new OrchestrationStepProcessor(_registry, _converter, _timeProvider, loggerFactory, _options);
    }

    /// <summary>Creates the store's resources and starts the loops.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        await _store.CreateIfNotExistsAsync(cancellationToken);
        for (var i = 0; i < _options.MaxConcurrentOrchestratorFunctions; i++)
        {
            _loops.Add(Task.Run(OrchestrationLoopAsync, CancellationToken.None));
        }

        for (var i = 0; i < _options.MaxConcurrentActivityFunctions; i++)
        {
            _loops.Add(Task.Run(ActivityLoopAsync, CancellationToken.None));
        }

        Log.WorkerStarted(_logger, _options.MaxConcurrentOrchestratorFunctions, _options.MaxConcurrentActivityFunctions);
    }

    /// <summary>
    /// Stops taking new work, waits up to the grace period for running work, then cancels activities still running
    /// and returns their work items to the store.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started || _stopReceiving.IsCancellationRequested)
        {
            return;
        }

        await _stopReceiving.CancelAsync();
        var all = Task.WhenAll(_loops);
        var grace = Task.Delay(_options.ShutdownGracePeriod, cancellationToken);
        if (await Task.WhenAny(all, grace) != all)
        {
            await _cancelWork.CancelAsync();
        }

        try
        {
            // Cancelled work gets one more grace period to end; code that ignores its token is left behind (its work
            // items come back to the store when their locks expire) so that the host stops within its timeout.
            var ended = await Task.WhenAny(all, Task.Delay(_options.ShutdownGracePeriod, CancellationToken.None));
            if (ended == all)
            {
                await all;
            }
            else
            {
                Log.WorkerStopLeftWorkBehind(_logger);
            }
        }
        catch (OperationCanceledException)
        {
            // Loops end by cancellation; their work items were abandoned.
        }

        Log.WorkerStopped(_logger, _abandoned);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopReceiving.Dispose();
        _cancelWork.Dispose();
    }

    private async Task OrchestrationLoopAsync()
    {
        var stopping = _stopReceiving.Token;
        while (!stopping.IsCancellationRequested)
        {
            OrchestrationWorkItem? workItem;
            try
            {
                workItem = await _store.LockNextOrchestrationWorkItemAsync(_options.ReceiveTimeout, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ReceiveFailed(_logger, "orchestration", ex);
                await PauseAfterErrorAsync(stopping);
                continue;
            }

            if (workItem is not null)
            {
                await RunStepAsync(workItem);
            }
        }
    }

    private async Task RunStepAsync(OrchestrationWorkItem workItem)
    {
        var started = Stopwatch.GetTimestamp();
        var run = RunTrace(workItem);
        using var span = DurableTelemetry.Source.StartActivity(
            $"orchestration {run.Name}",
            ActivityKind.Internal,
            DurableTelemetry.Parse(run.TraceParent));
        span?.SetTag("baton.instance_id", workItem.InstanceId);
        span?.SetTag("baton.orchestration", run.Name);
        span?.SetTag("baton.messages", workItem.Messages.Count);

        OrchestrationStepResult result;
        try
        {
            await using var scope = _services.CreateAsyncScope();
            result = _processor.Process(workItem, scope.ServiceProvider, span?.Id ?? run.TraceParent);
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Log.StepError(_logger, workItem.InstanceId, ex);
            await AbandonAsync(workItem, TimeSpan.FromSeconds(1));
            return;
        }

        if (result.DeferFor is { } wait)
        {
            Log.StepDeferred(_logger, workItem.InstanceId, workItem.Messages.Count, wait.TotalMilliseconds);
            try
            {
                await _store.DeferOrchestrationWorkItemAsync(workItem, wait, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The lock expires on its own; the messages come back then.
                Log.StepError(_logger, workItem.InstanceId, ex);
            }

            return;
        }

        try
        {
            await _store.CompleteOrchestrationWorkItemAsync(workItem, result, CancellationToken.None);
            var status = result.Instance?.RuntimeStatus ?? OrchestrationRuntimeStatus.Running;
            if (status.IsTerminal())
            {
                CancelActivitiesOf(workItem.InstanceId);
            }

            span?.SetTag("baton.status", status.ToString());
            span?.SetTag("baton.new_events", result.NewEvents.Count);
            RecordStepMetrics(run.Name, result, Stopwatch.GetElapsedTime(started));
            Log.StepCompleted(_logger, workItem.InstanceId, workItem.Messages.Count, status, result.NewEvents.Count);
        }
        catch (OrchestrationConcurrencyException ex)
        {
            Log.StepConflict(_logger, workItem.InstanceId, ex.Message);
            await AbandonAsync(workItem, TimeSpan.Zero);
        }
        catch (Exception ex)
        {
            Log.StepError(_logger, workItem.InstanceId, ex);
            await AbandonAsync(workItem, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Cancels the activities of an instance that run in this process, once the instance has finished.</summary>
    private void CancelActivitiesOf(string instanceId)
    {
        if (_runningActivities.TryGetValue(instanceId, out var running))
        {
            foreach (var source in running.Keys)
            {
                try
                {
                    source.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Ended meanwhile.
                }
            }

            if (running.IsEmpty)
            {
                _runningActivities.TryRemove(KeyValuePair.Create(instanceId, running));
            }
        }
    }

    private static (string Name, string? TraceParent) RunTrace(OrchestrationWorkItem workItem)
    {
        var started = workItem.History.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted)
            ?? workItem.Messages.Select(m => m.Event).FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted);
        var traceParent = started?.Tags?.GetValueOrDefault(DurableTelemetry.TraceParentTag)
            ?? workItem.Messages.Select(m => m.TraceParent).FirstOrDefault(t => t is not null);
        return (started?.Name ?? workItem.Instance?.Name ?? "unknown", traceParent);
    }

    private static void RecordStepMetrics(string name, OrchestrationStepResult result, TimeSpan elapsed)
    {
        var orchestration = new KeyValuePair<string, object?>("baton.orchestration", name);
        DurableTelemetry.StepDuration.Record(elapsed.TotalMilliseconds, orchestration);
        if (result.NewExecution)
        {
            DurableTelemetry.RunsStarted.Add(1, orchestration);
        }

        if (result.Instance?.RuntimeStatus is { } status && status.IsTerminal())
        {
            DurableTelemetry.RunsFinished.Add(1, orchestration, new KeyValuePair<string, object?>("baton.status", status.ToString()));
        }
    }

    private async Task AbandonAsync(OrchestrationWorkItem workItem, TimeSpan delay)
    {
        try
        {
            await _store.AbandonOrchestrationWorkItemAsync(workItem, delay, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lock expires on its own; the messages come back then.
            Log.StepError(_logger, workItem.InstanceId, ex);
        }
    }

    private async Task ActivityLoopAsync()
    {
        var stopping = _stopReceiving.Token;
        while (!stopping.IsCancellationRequested)
        {
            ActivityWorkItem? workItem;
            try
            {
                workItem = await _store.LockNextActivityWorkItemAsync(_options.ReceiveTimeout, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ReceiveFailed(_logger, "activity", ex);
                await PauseAfterErrorAsync(stopping);
                continue;
            }

            if (workItem is not null)
            {
                await RunActivityAsync(workItem);
            }
        }
    }

    private async Task RunActivityAsync(ActivityWorkItem workItem)
    {
        var request = workItem.Message;
        var scheduled = request.Event;
        var name = scheduled.Name ?? string.Empty;
        var cancel = _cancelWork.Token;

        // Cancelled on shutdown, and when a step in this process finishes the activity's instance (a terminate).
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var running = _runningActivities.GetOrAdd(request.InstanceId, static _ => new ConcurrentDictionary<CancellationTokenSource, byte>());
        running[run] = 0;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var renewing = RenewLockAsync(workItem, renewal.Token);

        HistoryEvent outcome;
        try
        {
            outcome = await InvokeActivityAsync(request, name, run.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await renewal.CancelAsync();
            await renewing;
            Interlocked.Increment(ref _abandoned);
            await _store.AbandonActivityWorkItemAsync(workItem, CancellationToken.None);
            return;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // The instance finished: the result is dropped by its next step, and the request must not run again.
            outcome = Failed(scheduled, new TaskFailureDetails(
                typeof(OperationCanceledException).FullName!, $"Activity '{name}' was cancelled: orchestration '{request.InstanceId}' finished while it ran."));
        }
        finally
        {
            running.TryRemove(run, out _);
            if (running.IsEmpty)
            {
                _runningActivities.TryRemove(KeyValuePair.Create(request.InstanceId, running));
            }
        }

        await renewal.CancelAsync();
        await renewing;

        var response = new OrchestrationMessage(request.InstanceId, outcome)
        {
            ExecutionId = request.ExecutionId,
            MessageId = $"{request.MessageId}:result",
            TraceParent = request.TraceParent,
        };
        try
        {
            await _store.CompleteActivityWorkItemAsync(workItem, response, CancellationToken.None);
            Log.ActivityCompleted(_logger, request.InstanceId, name, scheduled.EventId, outcome.EventType == HistoryEventType.TaskCompleted ? "completed" : "failed");
        }
        catch (Exception ex)
        {
            Log.ActivityDeliveryFailed(_logger, request.InstanceId, name, scheduled.EventId, ex);
            await _store.AbandonActivityWorkItemAsync(workItem, CancellationToken.None);
        }
    }

    private async Task<HistoryEvent> InvokeActivityAsync(OrchestrationMessage request, string name, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = DurableTelemetry.Source.StartActivity($"activity {name}", ActivityKind.Internal, DurableTelemetry.Parse(request.TraceParent));
        span?.SetTag("baton.instance_id", request.InstanceId);
        span?.SetTag("baton.activity", name);
        span?.SetTag("baton.task_id", request.Event.EventId);
        var outcome = await RunActivityAsync(request, name, cancel);
        var failed = outcome.EventType == HistoryEventType.TaskFailed;
        if (failed)
        {
            span?.SetStatus(ActivityStatusCode.Error, outcome.FailureDetails?.ErrorType);
        }

        DurableTelemetry.ActivityDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("baton.activity", name),
            new KeyValuePair<string, object?>("baton.outcome", failed ? "failed" : "completed"));
        return outcome;
    }

    private async Task<HistoryEvent> RunActivityAsync(OrchestrationMessage request, string name, CancellationToken cancel)
    {
        var scheduled = request.Event;
        await using var scope = _services.CreateAsyncScope();
        if (!_registry.TryCreateActivity(name, scope.ServiceProvider, out var activity))
        {
            var known = _registry.ActivityNames;
            return Failed(scheduled, new TaskFailureDetails(
                typeof(KeyNotFoundException).FullName!,
                $"Activity '{name}' is not registered. Registered activities: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}. " +
                $"Register its [DurableTask(\"{name}\")] class with services.AddBaton(b => b.AddActivity<YourActivity>()) (or b.AddWorkflowsFrom(assembly)), " +
                "or with DurableTaskRegistry.AddActivity."));
        }

        try
        {
            var input = _converter.Deserialize(scheduled.Input, activity!.InputType);
            var context = new WorkerActivityContext(name, request.InstanceId, cancel);
            var result = await activity.RunAsync(context, input);
            return new HistoryEvent(-1, HistoryEventType.TaskCompleted, _timeProvider.GetUtcNow().UtcDateTime)
            {
                TaskScheduledId = scheduled.EventId,
                Result = _converter.Serialize(result),
            };
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Failed(scheduled, TaskFailureDetails.FromException(ex));
        }
    }

    private HistoryEvent Failed(HistoryEvent scheduled, TaskFailureDetails details) =>
        new(-1, HistoryEventType.TaskFailed, _timeProvider.GetUtcNow().UtcDateTime)
        {
            TaskScheduledId = scheduled.EventId,
            FailureDetails = details,
        };

    private async Task RenewLockAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(_options.ActivityLockRenewalInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await _store.RenewActivityWorkItemLockAsync(workItem, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The activity finished.
        }
        catch (Exception ex)
        {
            Log.ReceiveFailed(_logger, "activity lock renewal", ex);
        }
    }

    private static async Task PauseAfterErrorAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private sealed class WorkerActivityContext(TaskName name, string instanceId, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;

        public override CancellationToken CancellationToken => cancellationToken;
    }
}
