namespace Baton.Durable;

/// <summary>
/// What a custom retry handler is told after a failed attempt. Handlers run inside orchestration code,
/// so they must be deterministic; a handler may await durable timers on <see cref="OrchestrationContext"/>.
/// </summary>
/// <param name="OrchestrationContext">The orchestration that made the call.</param>
/// <param name="LastAttemptNumber">Attempts made so far (1 after the first failure).</param>
/// <param name="LastFailure">The failure of the last attempt.</param>
/// <param name="TotalRetryTime">Orchestration time since the first attempt started.</param>
/// <param name="CancellationToken">Cancelled when the orchestration gives up the call.</param>
public sealed record RetryContext(
    TaskOrchestrationContext OrchestrationContext,
    int LastAttemptNumber,
    TaskFailureDetails LastFailure,
    TimeSpan TotalRetryTime,
    CancellationToken CancellationToken);

/// <summary>Decides whether to retry; return true to make another attempt.</summary>
public delegate Task<bool> AsyncRetryHandler(RetryContext retryContext);

/// <summary>Decides whether to retry at once; return true to make another attempt.</summary>
public delegate bool RetryHandler(RetryContext retryContext);
