using Microsoft.Extensions.Logging;

namespace Baton.Durable;

/// <summary>
/// What orchestration code uses to schedule durable work. Shaped one to one like Durable Functions'
/// <c>TaskOrchestrationContext</c>, so the same orchestration runs on Baton's engine and on Azure Functions.
/// </summary>
/// <remarks>
/// <para>
/// Orchestrations are event-sourced: the engine re-runs the code from the start over the recorded history
/// each time something new happens, and awaited calls that history already answered complete at once.
/// The code must therefore be deterministic. Inside an orchestration:
/// </para>
/// <list type="bullet">
/// <item>use <see cref="CurrentUtcDateTime"/>, never <see cref="DateTime.UtcNow"/> or a <see cref="TimeProvider"/>;</item>
/// <item>use <see cref="NewGuid"/>, never <see cref="Guid.NewGuid"/>, and no unseeded randomness;</item>
/// <item>do I/O only in activities: no HTTP, storage, LLM or file calls, no environment variables that can change;</item>
/// <item>wait only on tasks this context returns (or <see cref="Task.WhenAll(Task[])"/>/<see cref="Task.WhenAny(Task[])"/> of them);
/// never <c>Task.Run</c>, <c>Task.Delay</c>, <c>ConfigureAwait(false)</c>, threads or locks;</item>
/// <item>keep the order and names of calls stable between versions of the code while instances are running;</item>
/// <item>log through <see cref="CreateReplaySafeLogger(string)"/> so that nothing is logged twice.</item>
/// </list>
/// <para>A violation that changes the calls made is detected and fails the instance with a
/// <see cref="NonDeterministicOrchestrationException"/> message; other violations give undefined results.</para>
/// </remarks>
public abstract class TaskOrchestrationContext
{
    /// <summary>The largest custom status, serialized as UTF-8 JSON, that <see cref="SetCustomStatus"/> accepts.</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    /// <summary>The orchestrator's registered name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The id of this orchestration instance.</summary>
    public abstract string InstanceId { get; }

    /// <summary>
    /// The id of the orchestration that started this one as a sub-orchestration; null for a run started by a client.
    /// The same on every replay.
    /// </summary>
    public virtual string? ParentInstanceId => null;

    /// <summary>
    /// The current time in UTC, as recorded in history: the same value on every replay of the same step.
    /// </summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-runs over history already recorded; false once it does new work.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The orchestration's input, converted to <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>
    /// Schedules an activity and returns its result. Activities run at least once: an activity may run again
    /// after a crash, so side effects need an idempotency key. A failure surfaces as <see cref="TaskFailedException"/>
    /// after the retries in <paramref name="options"/> are spent.
    /// </summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity and waits for it to finish, ignoring its result.</summary>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>
    /// Starts a child orchestration and returns its output. Its instance id comes from
    /// <see cref="SubOrchestrationOptions.InstanceId"/> or is derived deterministically from this instance's id.
    /// A child failure surfaces as <see cref="TaskFailedException"/>.
    /// </summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a child orchestration and waits for it to finish, ignoring its output.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>
    /// A durable timer that completes at <paramref name="fireAt"/> (UTC) and never earlier. Cancelling the token
    /// cancels the returned task; the timer itself is then ignored when it fires.
    /// </summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that completes after <paramref name="delay"/> of orchestration time.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an event raised to this instance. Names are case-insensitive; events raised before the wait are
    /// buffered and delivered in order. Cancelling the token cancels the wait (<see cref="TaskCanceledException"/>)
    /// and leaves any later event for a later wait.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an event for at most <paramref name="timeout"/> of orchestration time; on timeout the task is
    /// cancelled with <see cref="TaskCanceledException"/> and a late event stays buffered for a later wait.
    /// </summary>
    public virtual Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) =>
        WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <summary>Waits for an event with a timeout and a cancellation token; see <see cref="WaitForExternalEvent{T}(string, TimeSpan)"/>.</summary>
    public virtual async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await WaitForExternalEvent<T>(eventName, cancellationToken);
        }

        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeoutTask = CreateTimer(timeout, timerCancellation.Token);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCancellation.Token);

        var winner = await Task.WhenAny(eventTask, timeoutTask);
        if (winner == eventTask)
        {
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }

        return await eventTask;
    }

    /// <summary>
    /// Sets a value that clients see in the instance's status (progress, spend). It must serialize to at most
    /// <see cref="MaxCustomStatusBytes"/> bytes; a larger value throws <see cref="ArgumentException"/>.
    /// </summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Raises an event on another instance once this step commits (fire and forget, durable).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object payload);

    /// <summary>
    /// Restarts this instance with new input and an empty history once the orchestrator returns. With
    /// <paramref name="preserveUnprocessedEvents"/>, events received but not yet waited for carry over.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay (name-based, from the instance id and the step's time).</summary>
    public abstract Guid NewGuid();

    /// <summary>Creates a logger that writes nothing while the orchestration replays.</summary>
    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>Creates a logger, named after <typeparamref name="T"/>, that writes nothing while the orchestration replays.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);

    /// <summary>Where replay-safe loggers come from.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// Throws the <see cref="ArgumentException"/> that <see cref="SetCustomStatus"/> documents when a serialized custom
    /// status is over <see cref="MaxCustomStatusBytes"/>; every implementation enforces the limit with the same message.
    /// </summary>
    protected static void ThrowIfCustomStatusTooLarge(string? serializedCustomStatus)
    {
        var size = serializedCustomStatus is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(serializedCustomStatus);
        if (size > MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"Custom status is {size} bytes when serialized; the limit is {MaxCustomStatusBytes} bytes. " +
                "Keep large data in an activity result or a blob and put a summary or a reference in custom status.",
                "customStatus");
        }
    }
}
