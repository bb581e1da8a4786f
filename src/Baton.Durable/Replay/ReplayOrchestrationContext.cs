using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Baton.Durable.Replay;

/// <summary>
/// The engine's orchestration context. Every call that schedules durable work records an action with the next task
/// sequence number; replay matches recorded history against those actions and completes the returned tasks from
/// recorded results. Used on one thread at a time, by <see cref="OrchestrationReplayer"/>.
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private readonly string _instanceId;
    private readonly TaskName _name;
    private readonly string? _serializedInput;
    private readonly Type _inputType;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;

    // Actions the code asked for that history has not recorded yet, by task id.
    private readonly SortedDictionary<int, HistoryEvent> _pendingActions = [];

    // Tasks the code awaits, by task id, with what completes them.
    private readonly Dictionary<int, Action<HistoryEvent>> _openTasks = [];

    private readonly Dictionary<string, Queue<HistoryEvent>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<Action<HistoryEvent>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);

    private int _nextTaskId;
    private int _guidCounter;
    private DateTime _currentUtcDateTime;
    private bool _isReplaying;

    public ReplayOrchestrationContext(
        string instanceId,
        TaskName name,
        string? serializedInput,
        Type inputType,
        DataConverter converter,
        ILoggerFactory loggerFactory,
        string? initialCustomStatus)
    {
        _instanceId = instanceId;
        _name = name;
        _serializedInput = serializedInput;
        _inputType = inputType;
        _converter = converter;
        _loggerFactory = loggerFactory;
        SerializedCustomStatus = initialCustomStatus;
    }

    public override TaskName Name => _name;

    public override string InstanceId => _instanceId;

    public override string? ParentInstanceId => ParentId;

    /// <summary>The parent instance recorded in the ExecutionStarted event, for a sub-orchestration.</summary>
    public string? ParentId { get; init; }

    public override DateTime CurrentUtcDateTime => _currentUtcDateTime;

    public override bool IsReplaying => _isReplaying;

    protected override ILoggerFactory LoggerFactory => _loggerFactory;

    public string? SerializedCustomStatus { get; private set; }

    public bool ContinueAsNewRequested { get; private set; }

    public string? ContinueAsNewInput { get; private set; }

    public bool PreserveUnprocessedEvents { get; private set; }

    /// <summary>Actions asked for and not yet in history, in task order.</summary>
    public IEnumerable<HistoryEvent> PendingActions => _pendingActions.Values;

    /// <summary>Events that arrived and were not waited for, in arrival order per name.</summary>
    public IEnumerable<HistoryEvent> UnprocessedEvents => _bufferedEvents.Values.SelectMany(q => q).OrderBy(e => e.Timestamp);

    public override T? GetInput<T>() where T : default =>
        typeof(T) == _inputType || _serializedInput is null
            ? (T?)_converter.Deserialize(_serializedInput, typeof(T))
            : _converter.Deserialize<T>(_serializedInput);

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        if (options?.Retry is { } retry)
        {
            return WithRetries(() => ScheduleActivity<TResult>(name, input, options.Tags), retry);
        }

        return ScheduleActivity<TResult>(name, input, options?.Tags);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var explicitId = (options as SubOrchestrationOptions)?.InstanceId;
        if (options?.Retry is { } retry)
        {
            var attempt = 0;

            // Each attempt of a child with an explicit id reuses that id (the failed child has finished, so it is replaced).
            return WithRetries(
                () => StartSubOrchestration<TResult>(orchestratorName, input, explicitId ?? ChildInstanceId(++attempt)),
                retry);
        }

        return StartSubOrchestration<TResult>(orchestratorName, input, explicitId ?? ChildInstanceId(0));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var fireAtUtc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var taskId = _nextTaskId++;
        AddAction(new HistoryEvent(taskId, HistoryEventType.TimerCreated, _currentUtcDateTime) { FireAt = fireAtUtc });

        var completion = new TaskCompletionSource();
        _openTasks[taskId] = _ => completion.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            return DeserializeEvent<T>(buffered.Dequeue());
        }

        var completion = new TaskCompletionSource<T>();
        if (!_eventWaiters.TryGetValue(eventName, out var waiters))
        {
            waiters = new LinkedList<Action<HistoryEvent>>();
            _eventWaiters[eventName] = waiters;
        }

        var node = waiters.AddLast(raised =>
        {
            var delivered = DeserializeEvent<T>(raised);
            if (delivered.IsFaulted)
            {
                completion.TrySetException(delivered.Exception!.InnerExceptions);
            }
            else
            {
                completion.TrySetResult(delivered.Result);
            }
        });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                completion.TrySetCanceled(cancellationToken);
            });
        }

        return completion.Task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var serialized = _converter.Serialize(customStatus);
        ThrowIfCustomStatusTooLarge(serialized);
        SerializedCustomStatus = serialized;
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        AddAction(new HistoryEvent(_nextTaskId++, HistoryEventType.EventSent, _currentUtcDateTime)
        {
            InstanceId = instanceId,
            Name = eventName,
            Input = _converter.Serialize(payload),
        });
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = _converter.Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override Guid NewGuid() =>
        DeterministicGuid.Create(string.Create(
            CultureInfo.InvariantCulture,
            $"{_instanceId}_{_currentUtcDateTime:o}_{_guidCounter++}"));

    /// <summary>Sets the step's time and whether the events that follow are being replayed.</summary>
    public void BeginStep(DateTime timestamp, bool isReplaying)
    {
        _currentUtcDateTime = timestamp;
        _isReplaying = isReplaying;
    }

    /// <summary>Matches a recorded action with what the code asked for; throws when they differ.</summary>
    public void MatchRecordedAction(HistoryEvent recorded)
    {
        if (!_pendingActions.Remove(recorded.EventId, out var requested))
        {
            throw new NonDeterministicOrchestrationException(_instanceId, recorded.EventId, Describe(recorded), "nothing at that position");
        }

        if (requested.EventType != recorded.EventType ||
            !string.Equals(requested.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(_instanceId, recorded.EventId, Describe(recorded), Describe(requested));
        }
    }

    /// <summary>Completes the task that a completion event answers; a completion nobody waits for is ignored.</summary>
    public void CompleteTask(HistoryEvent completion)
    {
        if (completion.TaskScheduledId is { } taskId && _openTasks.Remove(taskId, out var complete))
        {
            complete(completion);
        }
    }

    /// <summary>Delivers an external event to the oldest waiter for its name, or buffers it.</summary>
    public void DeliverEvent(HistoryEvent raised)
    {
        var name = raised.Name ?? string.Empty;
        if (_eventWaiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value(raised);
            return;
        }

        if (!_bufferedEvents.TryGetValue(name, out var buffer))
        {
            buffer = new Queue<HistoryEvent>();
            _bufferedEvents[name] = buffer;
        }

        buffer.Enqueue(raised);
    }

    private Task<TResult> ScheduleActivity<TResult>(TaskName name, object? input, IDictionary<string, string>? tags)
    {
        var taskId = _nextTaskId++;
        AddAction(new HistoryEvent(taskId, HistoryEventType.TaskScheduled, _currentUtcDateTime)
        {
            Name = name.Name,
            Input = _converter.Serialize(input),
            Tags = tags is null ? null : new Dictionary<string, string>(tags),
        });
        return AwaitCompletion<TResult>(taskId, name.Name, HistoryEventType.TaskCompleted);
    }

    private Task<TResult> StartSubOrchestration<TResult>(TaskName name, object? input, string childInstanceId)
    {
        var taskId = _nextTaskId++;
        AddAction(new HistoryEvent(taskId, HistoryEventType.SubOrchestrationInstanceCreated, _currentUtcDateTime)
        {
            Name = name.Name,
            InstanceId = childInstanceId,
            Input = _converter.Serialize(input),
        });
        return AwaitCompletion<TResult>(taskId, name.Name, HistoryEventType.SubOrchestrationInstanceCompleted);
    }

    private Task<TResult> AwaitCompletion<TResult>(int taskId, string name, HistoryEventType successType)
    {
        var completion = new TaskCompletionSource<TResult>();
        _openTasks[taskId] = result =>
        {
            if (result.EventType == successType)
            {
                try
                {
                    completion.TrySetResult((TResult)_converter.Deserialize(result.Result, typeof(TResult))!);
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
                {
                    completion.TrySetException(new InvalidOperationException(
                        $"The result of task '{name}' (#{taskId}) could not be read as {typeof(TResult).Name}: {ex.Message}", ex));
                }
            }
            else
            {
                var details = result.FailureDetails ?? new TaskFailureDetails("Unknown", "The task failed without details.");
                completion.TrySetException(new TaskFailedException(name, taskId, details));
            }
        };
        return completion.Task;
    }

    private async Task<TResult> WithRetries<TResult>(Func<Task<TResult>> attempt, TaskRetryOptions retry)
    {
        var firstAttemptAt = CurrentUtcDateTime;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure)
            {
                var elapsed = CurrentUtcDateTime - firstAttemptAt;
                if (retry.Policy is { } policy)
                {
                    if (!policy.TryGetNextDelay(attemptNumber, failure.FailureDetails, elapsed, out var delay))
                    {
                        throw;
                    }

                    await CreateTimer(delay, CancellationToken.None);
                }
                else if (!await retry.Handler!(new RetryContext(this, attemptNumber, failure.FailureDetails, elapsed, CancellationToken.None)))
                {
                    throw;
                }
            }
        }
    }

    private Task<T> DeserializeEvent<T>(HistoryEvent raised)
    {
        try
        {
            return Task.FromResult((T)_converter.Deserialize(raised.Input, typeof(T))!);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
        {
            return Task.FromException<T>(new InvalidOperationException(
                $"The payload of event '{raised.Name}' could not be read as {typeof(T).Name}: {ex.Message}", ex));
        }
    }

    private string ChildInstanceId(int attempt) =>
        attempt <= 1 ? $"{_instanceId}:{NewGuid():N}" : $"{_instanceId}:{NewGuid():N}:{attempt}";

    private void AddAction(HistoryEvent action) => _pendingActions[action.EventId] = action;

    private static string Describe(HistoryEvent e) => e.EventType switch
    {
        HistoryEventType.TaskScheduled => $"activity '{e.Name}'",
        HistoryEventType.SubOrchestrationInstanceCreated => $"sub-orchestration '{e.Name}'",
        HistoryEventType.TimerCreated => $"a timer until {e.FireAt:o}",
        HistoryEventType.EventSent => $"an event '{e.Name}' sent to '{e.InstanceId}'",
        _ => e.EventType.ToString(),
    };
}
