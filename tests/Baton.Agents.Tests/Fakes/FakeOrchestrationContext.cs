using System.Text;
using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Agents.Tests.Fakes;

/// <summary>
/// A single-step orchestration context for agent-loop tests: activities run inline through the registry (inputs and
/// outputs cross a JSON boundary as in history), events are buffered, and timers fire at once, moving the clock to
/// their due time (time-skipping), unless AutoFireTimers is off.
/// </summary>
internal sealed class FakeOrchestrationContext(IServiceProvider services, DurableTaskRegistry registry, string instanceId = "instance-1")
    : TaskOrchestrationContext
{
    private readonly Dictionary<string, Queue<string?>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Action<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private int _guids;
    private int _taskId;

    public DataConverter Converter { get; } = JsonDataConverter.Default;

    public List<(string Name, string? Input)> ActivityCalls { get; } = [];

    public List<string> CustomStatuses { get; } = [];

    public bool AutoFireTimers { get; set; } = true;

    public DateTime Now { get; set; } = new(2025, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    public override TaskName Name => "TestOrchestration";

    public override string InstanceId => instanceId;

    public override DateTime CurrentUtcDateTime => Now;

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public int CountCalls(string name) => ActivityCalls.Count(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public T? LastStatus<T>() => Converter.Deserialize<T>(CustomStatuses.LastOrDefault());

    public void RaiseEvent(string name, object? payload)
    {
        var data = Converter.Serialize(payload);
        if (_waiters.TryGetValue(name, out var waiters) && waiters.Count > 0)
        {
            var waiter = waiters[0];
            waiters.RemoveAt(0);
            waiter(data);
            return;
        }

        if (!_buffered.TryGetValue(name, out var queue))
        {
            _buffered[name] = queue = new Queue<string?>();
        }

        queue.Enqueue(data);
    }

    public override T? GetInput<T>() where T : default => default;

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var id = _taskId++;
        var serializedInput = Converter.Serialize(input);
        ActivityCalls.Add((name.Name, serializedInput));
        if (!registry.TryCreateActivity(name, services, out var activity) || activity is null)
        {
            throw new InvalidOperationException($"Activity '{name}' is not registered.");
        }

        try
        {
            var result = await activity.RunAsync(new FakeActivityContext(name, instanceId), Converter.Deserialize(serializedInput, activity.InputType));
            return Converter.Deserialize<TResult>(Converter.Serialize(result))!;
        }
        catch (Exception e)
        {
            throw new TaskFailedException(name.Name, id, TaskFailureDetails.FromException(e));
        }
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        _taskId++;
        if (AutoFireTimers)
        {
            if (fireAt > Now)
            {
                Now = fireAt;
            }

            return Task.CompletedTask;
        }

        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() => source.TrySetCanceled(cancellationToken));
        return source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A buffered event wins at once; the timeout's timer would never fire, so the clock must not jump.
        return _buffered.TryGetValue(eventName, out var queue) && queue.Count > 0
            ? Task.FromResult(Converter.Deserialize<T>(queue.Dequeue())!)
            : base.WaitForExternalEvent<T>(eventName, timeout, cancellationToken);
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (_buffered.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            return Task.FromResult(Converter.Deserialize<T>(queue.Dequeue())!);
        }

        var source = new TaskCompletionSource<T>();
        Action<string?> waiter = data => source.TrySetResult(Converter.Deserialize<T>(data)!);
        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            _waiters[eventName] = waiters = [];
        }

        waiters.Add(waiter);
        cancellationToken.Register(() =>
        {
            waiters.Remove(waiter);
            source.TrySetCanceled(cancellationToken);
        });
        return source.Task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var data = Converter.Serialize(customStatus) ?? "null";
        if (Encoding.UTF8.GetByteCount(data) > MaxCustomStatusBytes)
        {
            throw new ArgumentException("Custom status too large.");
        }

        CustomStatuses.Add(data);
    }

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid()
    {
        var bytes = new byte[16];
        BitConverter.GetBytes(++_guids).CopyTo(bytes, 0);
        return new Guid(bytes);
    }

    private sealed class FakeActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;
    }
}
