using Microsoft.Extensions.Logging;

namespace Baton.Durable.Replay;

/// <summary>
/// Re-runs orchestration code over its history and the new events of a step, on the calling thread, and reports
/// the new actions and whether the orchestration finished. Pure with respect to storage: it reads and writes nothing.
/// </summary>
internal sealed class OrchestrationReplayer(DataConverter converter, ILoggerFactory loggerFactory)
{
    /// <summary>Replays <paramref name="history"/> (already recorded) followed by <paramref name="newEvents"/>.</summary>
    /// <param name="orchestrator">A fresh orchestrator instance.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="history">Recorded history of the current execution, starting with its first OrchestratorStarted.</param>
    /// <param name="newEvents">This step's events, starting with the step's OrchestratorStarted.</param>
    /// <param name="customStatus">The custom status before the step.</param>
    public ReplayOutcome Replay(
        ITaskOrchestrator orchestrator,
        string instanceId,
        TaskName name,
        IReadOnlyList<HistoryEvent> history,
        IReadOnlyList<HistoryEvent> newEvents,
        string? customStatus)
    {
        var started = history.Concat(newEvents).FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted)
            ?? throw new InvalidOperationException($"Orchestration '{instanceId}' has no ExecutionStarted event to replay from.");
        var context = new ReplayOrchestrationContext(instanceId, name, started.Input, orchestrator.InputType, converter, loggerFactory, customStatus)
        {
            ParentId = started.Parent?.InstanceId,
        };
        var synchronizationContext = new OrchestrationSynchronizationContext();
        Task<object?>? run = null;

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(synchronizationContext);
        try
        {
            for (var i = 0; i < history.Count + newEvents.Count; i++)
            {
                var replaying = i < history.Count;
                var e = replaying ? history[i] : newEvents[i - history.Count];
                switch (e.EventType)
                {
                    case HistoryEventType.OrchestratorStarted:
                        context.BeginStep(e.Timestamp, replaying);
                        break;
                    case HistoryEventType.ExecutionStarted:
                        run = Start(orchestrator, context, e.Input);
                        break;
                    case HistoryEventType.TaskScheduled:
                    case HistoryEventType.TimerCreated:
                    case HistoryEventType.SubOrchestrationInstanceCreated:
                    case HistoryEventType.EventSent:
                        context.MatchRecordedAction(e);
                        break;
                    case HistoryEventType.TaskCompleted:
                    case HistoryEventType.TaskFailed:
                    case HistoryEventType.SubOrchestrationInstanceCompleted:
                    case HistoryEventType.SubOrchestrationInstanceFailed:
                    case HistoryEventType.TimerFired:
                        context.CompleteTask(e);
                        break;
                    case HistoryEventType.EventRaised:
                        context.DeliverEvent(e);
                        break;
                }

                synchronizationContext.RunPending();
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            return Failed(context, ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (run is null || !run.IsCompleted)
        {
            return new ReplayOutcome
            {
                Status = OrchestrationRuntimeStatus.Running,
                NewActions = [.. context.PendingActions],
                CustomStatus = context.SerializedCustomStatus,
            };
        }

        if (run.IsFaulted || run.IsCanceled)
        {
            var error = run.IsCanceled ? new TaskCanceledException("The orchestration was canceled.") : run.Exception!.InnerException!;
            return Failed(context, error);
        }

        if (context.ContinueAsNewRequested)
        {
            return new ReplayOutcome
            {
                Status = OrchestrationRuntimeStatus.ContinuedAsNew,
                NewActions = [.. context.PendingActions],
                Output = context.ContinueAsNewInput,
                CustomStatus = context.SerializedCustomStatus,
                CarriedOverEvents = context.PreserveUnprocessedEvents ? [.. context.UnprocessedEvents] : [],
            };
        }

        string? output;
        try
        {
            output = converter.Serialize(run.Result);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return Failed(context, new InvalidOperationException($"The output of orchestration '{instanceId}' could not be serialized: {ex.Message}", ex));
        }

        return new ReplayOutcome
        {
            Status = OrchestrationRuntimeStatus.Completed,
            NewActions = [.. context.PendingActions],
            Output = output,
            CustomStatus = context.SerializedCustomStatus,
        };
    }

    private Task<object?> Start(ITaskOrchestrator orchestrator, ReplayOrchestrationContext context, string? serializedInput)
    {
        object? input;
        try
        {
            input = converter.Deserialize(serializedInput, orchestrator.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return Task.FromException<object?>(new ArgumentException(
                $"The input of orchestration '{context.InstanceId}' could not be read as {orchestrator.InputType.Name}: {ex.Message}", ex));
        }

        try
        {
            return orchestrator.RunAsync(context, input);
        }
        catch (Exception ex)
        {
            // An orchestrator that throws before its first await fails the same way as one that throws later.
            return Task.FromException<object?>(ex);
        }
    }

    private static ReplayOutcome Failed(ReplayOrchestrationContext context, Exception error) => new()
    {
        Status = OrchestrationRuntimeStatus.Failed,
        NewActions = [],
        FailureDetails = TaskFailureDetails.FromException(error),
        CustomStatus = context.SerializedCustomStatus,
    };
}
