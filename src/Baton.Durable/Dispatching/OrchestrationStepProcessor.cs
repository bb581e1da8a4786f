using System.Globalization;
using Baton.Durable.Replay;
using Baton.Durable.Storage;
using Baton.Durable.Telemetry;
using Microsoft.Extensions.Logging;

namespace Baton.Durable.Dispatching;

/// <summary>
/// Turns one locked work item into one step to commit: drops duplicate and stale messages, applies terminate,
/// suspend and resume, replays the orchestration over its history, and maps the new actions onto history events
/// and outbound messages. Synchronous and free of I/O; the dispatcher commits what it returns.
/// </summary>
internal sealed class OrchestrationStepProcessor(
    DurableTaskRegistry registry,
    DataConverter converter,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    DurableWorkerOptions options)
{
    private const string RecursiveTag = "recursive";

    /// <summary>How long messages that came before their instance's start wait before they are tried again.</summary>
    internal static readonly TimeSpan StartWait = TimeSpan.FromMilliseconds(200);

    private readonly OrchestrationReplayer _replayer = new(converter, loggerFactory);
    private readonly ILogger _logger = loggerFactory.CreateLogger("Baton.Durable.Orchestrations");

    /// <summary>Builds the step for <paramref name="workItem"/>; outbound messages carry <paramref name="traceParent"/>.</summary>
    public OrchestrationStepResult Process(OrchestrationWorkItem workItem, IServiceProvider services, string? traceParent = null)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var step = new Step(workItem, now) { TraceParent = traceParent };

        var startMessage = FindNewExecutionStart(workItem, step.Started, step.ExecutionFinished);
        if (startMessage is not null)
        {
            step.BeginNewExecution(startMessage.Event);
        }

        if (step.Started is null)
        {
            return NotStarted(step);
        }

        var events = FilterMessages(step, startMessage, out var kept);
        if (step.Finished)
        {
            if (events.Count > 0 || workItem.Messages.Count > 0)
            {
                Log.DroppedMessagesForFinishedInstance(_logger, workItem.InstanceId, workItem.Messages.Count);
            }

            // A row that still says Running over a finished history (a commit cut between its history and its row)
            // is repaired by whatever message touches the instance next: a redelivery, an event, a terminate.
            if (InstanceRowRepair.Repair(workItem.Instance, workItem.History, now) is { } repaired)
            {
                Log.RowRepaired(_logger, workItem.InstanceId, workItem.Instance!.RuntimeStatus, repaired.RuntimeStatus);
                return new OrchestrationStepResult { NewEvents = [], Instance = repaired };
            }

            return new OrchestrationStepResult { NewEvents = [], Instance = null };
        }

        step.NewEvents.Add(new HistoryEvent(-1, HistoryEventType.OrchestratorStarted, now));
        step.NewEvents.AddRange(events);

        // Only a message that still has work to do can be poison: a duplicate of one already in history (redelivered
        // after a storage outage or a lost delete, its dequeue count climbing meanwhile) is dropped, not held against
        // an instance that is fine.
        if (kept.FirstOrDefault(m => m.DequeueCount > options.MaxDequeueCount) is { } poison)
        {
            var details = new TaskFailureDetails(
                "PoisonMessage",
                $"Message {poison.MessageId} ({poison.Event.EventType}{(poison.Event.Name is null ? "" : $" '{poison.Event.Name}'")}) was delivered " +
                $"{poison.DequeueCount} times without being processed (limit {options.MaxDequeueCount}); the instance was failed so that it does not loop forever.");
            return Finish(step, OrchestrationRuntimeStatus.Failed, output: null, details);
        }

        if (events.LastOrDefault(e => e.EventType == HistoryEventType.ExecutionTerminated) is { } terminated)
        {
            return Terminate(step, terminated);
        }

        var suspended = !step.IsNewExecution && workItem.Instance?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended;
        foreach (var e in events)
        {
            suspended = e.EventType switch
            {
                HistoryEventType.ExecutionSuspended => true,
                HistoryEventType.ExecutionResumed => false,
                _ => suspended,
            };
        }

        if (suspended)
        {
            // Events that arrive while suspended are recorded, but the code does not see them until resume replays them.
            step.NewEvents.Add(new HistoryEvent(-1, HistoryEventType.OrchestratorCompleted, now));
            return step.Result(OrchestrationRuntimeStatus.Suspended, output: null, failure: null);
        }

        return Run(step, services);
    }

    private OrchestrationStepResult Run(Step step, IServiceProvider services)
    {
        for (var generation = 0; ; generation++)
        {
            var started = step.Started!;
            if (!registry.TryCreateOrchestrator(started.Name!, services, out var orchestrator))
            {
                var known = registry.OrchestratorNames;
                var details = new TaskFailureDetails(
                    typeof(KeyNotFoundException).FullName!,
                    $"Orchestrator '{started.Name}' is not registered. Registered orchestrators: " +
                    $"{(known.Count == 0 ? "(none)" : string.Join(", ", known))}. Register its [DurableTask(\"{started.Name}\")] class with services.AddBaton(b => b.AddWorkflow<YourOrchestrator>()) " +
                    "(or b.AddWorkflowsFrom(assembly)), or with DurableTaskRegistry.AddOrchestrator.");
                return Finish(step, OrchestrationRuntimeStatus.Failed, output: null, details);
            }

            var outcome = _replayer.Replay(orchestrator!, step.InstanceId, started.Name!, step.PastHistory, step.NewEvents, step.CustomStatus);
            step.CustomStatus = outcome.CustomStatus;
            AddActions(step, outcome.NewActions, includeWork: outcome.Status != OrchestrationRuntimeStatus.ContinuedAsNew);

            switch (outcome.Status)
            {
                case OrchestrationRuntimeStatus.Running:
                    step.NewEvents.Add(new HistoryEvent(-1, HistoryEventType.OrchestratorCompleted, step.Now));
                    return step.Result(OrchestrationRuntimeStatus.Running, output: null, failure: null);

                case OrchestrationRuntimeStatus.ContinuedAsNew when generation + 1 < options.MaxContinueAsNewPerStep:
                    step.ContinueAsNew(outcome.Output, outcome.CarriedOverEvents);
                    continue;

                case OrchestrationRuntimeStatus.ContinuedAsNew:
                    return ContinueAsNewInNextStep(step, outcome);

                default:
                    if (outcome.Status == OrchestrationRuntimeStatus.Failed)
                    {
                        Log.OrchestrationFailed(_logger, step.InstanceId, started.Name!, outcome.FailureDetails?.Summary ?? "unknown");
                    }

                    return Finish(step, outcome.Status, outcome.Output, outcome.FailureDetails);
            }
        }
    }

    private OrchestrationStepResult ContinueAsNewInNextStep(Step step, ReplayOutcome outcome)
    {
        var nextExecutionId = Guid.NewGuid().ToString("N");
        step.NewEvents.Add(new HistoryEvent(-1, HistoryEventType.ExecutionCompleted, step.Now)
        {
            OrchestrationStatus = OrchestrationRuntimeStatus.ContinuedAsNew,
            Result = outcome.Output,
        });
        step.NewEvents.Add(new HistoryEvent(-1, HistoryEventType.OrchestratorCompleted, step.Now));
        step.Outbound.Add(new OrchestrationMessage(step.InstanceId, new HistoryEvent(-1, HistoryEventType.ExecutionStarted, step.Now)
        {
            Name = step.Started!.Name,
            Input = outcome.Output,
            ExecutionId = nextExecutionId,
            Parent = step.Started.Parent,
            Tags = step.Started.Tags,
        }));
        foreach (var carried in outcome.CarriedOverEvents)
        {
            step.Outbound.Add(new OrchestrationMessage(step.InstanceId, carried) { ExecutionId = nextExecutionId, MessageId = carried.MessageId ?? Guid.NewGuid().ToString("N") });
        }

        return step.Result(OrchestrationRuntimeStatus.ContinuedAsNew, outcome.Output, failure: null);
    }

    private OrchestrationStepResult Terminate(Step step, HistoryEvent terminated)
    {
        if (terminated.Tags?.ContainsKey(RecursiveTag) == true)
        {
            foreach (var child in RunningChildren(step))
            {
                step.Outbound.Add(new OrchestrationMessage(child, new HistoryEvent(-1, HistoryEventType.ExecutionTerminated, step.Now)
                {
                    Input = terminated.Input,
                    Reason = terminated.Reason,
                    Tags = terminated.Tags,
                }));
            }
        }

        var details = new TaskFailureDetails("Terminated", $"The orchestration was terminated: {terminated.Reason ?? terminated.Input ?? "no reason given"}.");
        return Finish(step, OrchestrationRuntimeStatus.Terminated, terminated.Input, details, recordCompletion: false);
    }

    private OrchestrationStepResult Finish(
        Step step,
        OrchestrationRuntimeStatus status,
        string? output,
        TaskFailureDetails? failure,
        bool recordCompletion = true)
    {
        if (recordCompletion)
        {
            step.NewEvents.Add(new HistoryEvent(-1, HistoryEventType.ExecutionCompleted, step.Now)
            {
                OrchestrationStatus = status,
                Result = output,
                FailureDetails = failure,
            });
        }

        step.NewEvents.Add(new HistoryEvent(-1, HistoryEventType.OrchestratorCompleted, step.Now));

        if (step.Started!.Parent is { } parent)
        {
            var succeeded = status == OrchestrationRuntimeStatus.Completed;
            step.Outbound.Add(new OrchestrationMessage(parent.InstanceId, new HistoryEvent(
                -1,
                succeeded ? HistoryEventType.SubOrchestrationInstanceCompleted : HistoryEventType.SubOrchestrationInstanceFailed,
                step.Now)
            {
                TaskScheduledId = parent.TaskScheduledId,
                Result = succeeded ? output : null,
                FailureDetails = succeeded ? null : failure,
            })
            {
                ExecutionId = parent.ExecutionId,
                MessageId = $"{step.InstanceId}:{step.ExecutionId}:completed",
            });
        }

        return step.Result(status, output, status == OrchestrationRuntimeStatus.Failed ? failure : null);
    }

    private void AddActions(Step step, IReadOnlyList<HistoryEvent> actions, bool includeWork)
    {
        foreach (var action in actions)
        {
            step.NewEvents.Add(action with { Timestamp = step.Now });
            switch (action.EventType)
            {
                case HistoryEventType.TaskScheduled when includeWork:
                    step.Activities.Add(new OrchestrationMessage(step.InstanceId, action with { Timestamp = step.Now })
                    {
                        ExecutionId = step.ExecutionId,
                        MessageId = DeterministicMessageId(step, action.EventId),
                        TraceParent = step.TraceParent,
                    });
                    break;

                case HistoryEventType.TimerCreated when includeWork:
                    step.Outbound.Add(new OrchestrationMessage(step.InstanceId, new HistoryEvent(-1, HistoryEventType.TimerFired, step.Now)
                    {
                        TaskScheduledId = action.EventId,
                        FireAt = action.FireAt,
                    })
                    {
                        ExecutionId = step.ExecutionId,
                        VisibleAt = action.FireAt,
                        MessageId = DeterministicMessageId(step, action.EventId),
                    });
                    break;

                case HistoryEventType.SubOrchestrationInstanceCreated:
                    // The child's execution id is derived from the parent's task, so a start message sent twice
                    // (after a crash before the parent's history was written) is recognised as a duplicate.
                    var childExecutionId = DeterministicGuid.Create($"{step.InstanceId}:{step.ExecutionId}:{action.EventId}").ToString("N");
                    step.Outbound.Add(new OrchestrationMessage(action.InstanceId!, new HistoryEvent(-1, HistoryEventType.ExecutionStarted, step.Now)
                    {
                        Name = action.Name,
                        Input = action.Input,
                        ExecutionId = childExecutionId,
                        Parent = new ParentInstance(step.InstanceId, step.ExecutionId, action.EventId, step.Started!.Name!),
                        Tags = step.TraceParent is null ? null : new Dictionary<string, string> { [DurableTelemetry.TraceParentTag] = step.TraceParent },
                    })
                    {
                        MessageId = DeterministicMessageId(step, action.EventId),
                        TraceParent = step.TraceParent,
                    });
                    break;

                case HistoryEventType.EventSent:
                    step.Outbound.Add(new OrchestrationMessage(action.InstanceId!, new HistoryEvent(-1, HistoryEventType.EventRaised, step.Now)
                    {
                        Name = action.Name,
                        Input = action.Input,
                    })
                    {
                        MessageId = DeterministicMessageId(step, action.EventId),
                    });
                    break;
            }
        }
    }

    private static string DeterministicMessageId(Step step, int taskId) =>
        string.Create(CultureInfo.InvariantCulture, $"{step.InstanceId}:{step.ExecutionId}:{taskId}");

    private static OrchestrationMessage? FindNewExecutionStart(OrchestrationWorkItem workItem, HistoryEvent? started, bool executionFinished)
    {
        foreach (var message in workItem.Messages)
        {
            if (message.Event.EventType != HistoryEventType.ExecutionStarted)
            {
                continue;
            }

            if (started is null || (executionFinished && message.Event.ExecutionId != started.ExecutionId))
            {
                return message;
            }
        }

        return null;
    }

    private List<HistoryEvent> FilterMessages(Step step, OrchestrationMessage? startMessage, out List<OrchestrationMessage> kept)
    {
        kept = [];
        var scheduled = new HashSet<int>();
        var completed = new HashSet<int>();
        var seenMessages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in step.PastHistory)
        {
            if (e.EventType is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated or HistoryEventType.SubOrchestrationInstanceCreated)
            {
                scheduled.Add(e.EventId);
            }
            else if (IsCompletion(e.EventType) && e.TaskScheduledId is { } id)
            {
                completed.Add(id);
            }
            else if (e.MessageId is { } messageId)
            {
                seenMessages.Add(messageId);
            }
        }

        var events = new List<HistoryEvent>();
        if (startMessage is not null)
        {
            events.Add(startMessage.Event with { Timestamp = step.Now });
            kept.Add(startMessage);
        }

        foreach (var message in step.WorkItem.Messages)
        {
            var e = message.Event;
            if (ReferenceEquals(message, startMessage) || e.EventType == HistoryEventType.ExecutionStarted)
            {
                continue;
            }

            if (message.ExecutionId is not null && message.ExecutionId != step.ExecutionId)
            {
                continue;
            }

            if (IsCompletion(e.EventType))
            {
                // A result for a task that history does not hold yet comes from a step that crashed after sending
                // its messages and before writing history; the re-run of that step schedules the task again.
                if (e.TaskScheduledId is not { } id || !scheduled.Contains(id) || !completed.Add(id))
                {
                    continue;
                }

                if (e.EventType == HistoryEventType.TimerFired && e.FireAt > step.Now)
                {
                    // Never fire early: a store whose clock runs ahead hands the timer back to wait out the rest.
                    completed.Remove(id);
                    step.Outbound.Add(message with { VisibleAt = e.FireAt, DequeueCount = 0 });
                    continue;
                }

                events.Add(e with { Timestamp = step.Now });
                kept.Add(message);
            }
            else if (e.EventType is HistoryEventType.EventRaised)
            {
                if (!seenMessages.Add(message.MessageId))
                {
                    continue;
                }

                events.Add(e with { Timestamp = step.Now, MessageId = message.MessageId });
                kept.Add(message);
            }
            else if (e.EventType is HistoryEventType.ExecutionTerminated or HistoryEventType.ExecutionSuspended or HistoryEventType.ExecutionResumed)
            {
                events.Add(e with { Timestamp = step.Now, MessageId = message.MessageId });
                kept.Add(message);
            }
        }

        return events;
    }

    private OrchestrationStepResult NotStarted(Step step)
    {
        var row = step.WorkItem.Instance;
        if (row is not { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            Log.DroppedMessagesForUnknownInstance(_logger, step.InstanceId, step.WorkItem.Messages.Count);
            return new OrchestrationStepResult { NewEvents = [], Instance = null };
        }

        if (step.WorkItem.Messages.LastOrDefault(m => m.Event.EventType == HistoryEventType.ExecutionTerminated) is { } terminate)
        {
            return new OrchestrationStepResult
            {
                NewEvents = [],
                Instance = row with
                {
                    RuntimeStatus = OrchestrationRuntimeStatus.Terminated,
                    Output = terminate.Event.Input,
                    LastUpdatedAt = step.Now,
                    CompletedAt = step.Now,
                },
            };
        }

        // The instance is scheduled to start later: keep its messages until then, on the durable clock.
        if (row.ScheduledStartAt is { } start && start > step.Now)
        {
            return new OrchestrationStepResult
            {
                NewEvents = [],
                Instance = null,
                OrchestratorMessages = [.. step.WorkItem.Messages.Select(m => m with { VisibleAt = start, DequeueCount = 0 })],
            };
        }

        // Its start is on its way but came after these (an event raised by a process that delivers to itself while the
        // start still waits in the queue, say): try again shortly. That wait is about delivery, not durable time, so it
        // runs on the wall clock even when timers follow a fake one.
        return new OrchestrationStepResult { NewEvents = [], Instance = null, DeferFor = StartWait };
    }

    private static IEnumerable<string> RunningChildren(Step step)
    {
        var all = step.PastHistory.Concat(step.NewEvents).ToList();
        var finished = all.Where(e => e.EventType is HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed)
            .Select(e => e.TaskScheduledId)
            .ToHashSet();
        return all.Where(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated && !finished.Contains(e.EventId))
            .Select(e => e.InstanceId!)
            .Distinct(StringComparer.Ordinal);
    }

    private static bool IsCompletion(HistoryEventType type) => type is HistoryEventType.TaskCompleted
        or HistoryEventType.TaskFailed
        or HistoryEventType.SubOrchestrationInstanceCompleted
        or HistoryEventType.SubOrchestrationInstanceFailed
        or HistoryEventType.TimerFired;

    /// <summary>The state of one step while it is being built.</summary>
    private sealed class Step
    {
        public Step(OrchestrationWorkItem workItem, DateTime now)
        {
            WorkItem = workItem;
            Now = now;
            PastHistory = workItem.History;
            Started = workItem.History.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted);
            ExecutionFinished = workItem.History.Any(e =>
                e.EventType is HistoryEventType.ExecutionCompleted or HistoryEventType.ExecutionTerminated);
            CustomStatus = workItem.Instance?.CustomStatus;
            CreatedAt = workItem.Instance?.CreatedAt ?? now;
        }

        public OrchestrationWorkItem WorkItem { get; }

        /// <summary>The trace context outbound messages carry.</summary>
        public string? TraceParent { get; init; }

        public string InstanceId => WorkItem.InstanceId;

        public DateTime Now { get; }

        public IReadOnlyList<HistoryEvent> PastHistory { get; private set; }

        public HistoryEvent? Started { get; private set; }

        public string ExecutionId => Started?.ExecutionId ?? string.Empty;

        public bool ExecutionFinished { get; }

        /// <summary>True when the stored execution has finished and no new one starts in this step.</summary>
        public bool Finished => ExecutionFinished && !IsNewExecution;

        public bool IsNewExecution { get; private set; }

        public string? CustomStatus { get; set; }

        public DateTime CreatedAt { get; }

        public List<HistoryEvent> NewEvents { get; } = [];

        public List<OrchestrationMessage> Activities { get; } = [];

        public List<OrchestrationMessage> Outbound { get; } = [];

        public void BeginNewExecution(HistoryEvent started)
        {
            Started = started;
            PastHistory = [];
            IsNewExecution = true;
        }

        public void ContinueAsNew(string? input, IReadOnlyList<HistoryEvent> carriedOver)
        {
            Started = new HistoryEvent(-1, HistoryEventType.ExecutionStarted, Now)
            {
                Name = Started!.Name,
                Input = input,
                ExecutionId = Guid.NewGuid().ToString("N"),
                Parent = Started.Parent,
                Tags = Started.Tags,
            };
            PastHistory = [];
            IsNewExecution = true;
            NewEvents.Clear();
            NewEvents.Add(new HistoryEvent(-1, HistoryEventType.OrchestratorStarted, Now));
            NewEvents.Add(Started);
            NewEvents.AddRange(carriedOver.Select(e => e with { Timestamp = Now }));
        }

        public OrchestrationStepResult Result(OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure) => new()
        {
            NewExecution = IsNewExecution,
            NewEvents = NewEvents,
            ActivityMessages = Activities,
            OrchestratorMessages = Outbound,
            Instance = new InstanceState(InstanceId, Started!.Name!)
            {
                ExecutionId = ExecutionId,
                RuntimeStatus = status,
                CreatedAt = CreatedAt,
                LastUpdatedAt = Now,
                CompletedAt = status.IsTerminal() ? Now : null,
                Input = Started.Input,
                Output = output,
                CustomStatus = CustomStatus,
                FailureDetails = failure,
                ParentInstanceId = Started.Parent?.InstanceId,
                ScheduledStartAt = WorkItem.Instance?.ScheduledStartAt,
            },
        };
    }
}
