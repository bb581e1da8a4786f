namespace Baton.Durable;

/// <summary>
/// A declarative retry policy for activities and sub-orchestrations, shaped like Durable Functions'
/// <c>RetryPolicy</c>. Retries are durable: each delay is a durable timer, so a retry survives a restart.
/// One addition: when a failure carries <see cref="TaskFailureDetails.RetryAfter"/> and
/// <see cref="HonorRetryAfter"/> is set, that hint is the next delay.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in all, the first included; at least 1.</param>
    /// <param name="firstRetryInterval">Delay before the second attempt; greater than zero.</param>
    /// <param name="backoffCoefficient">Factor applied to the delay after each retry; at least 1.</param>
    /// <param name="maxRetryInterval">Largest delay between attempts; one hour when null.</param>
    /// <param name="retryTimeout">Time after the first attempt started past which no retry starts; unlimited when null.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        if (maxNumberOfAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNumberOfAttempts), maxNumberOfAttempts, "A retry policy needs at least one attempt.");
        }

        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be greater than zero.");
        }

        if (backoffCoefficient < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "The backoff coefficient must be 1.0 or more.");
        }

        if (maxRetryInterval is { } max && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "The maximum retry interval must not be shorter than the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Delay before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Factor applied to the delay after each retry.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Largest delay between attempts.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Time after the first attempt started past which no retry starts; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides from the failure whether it is worth retrying; every failure is by default.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>Whether a failure's retry-after hint replaces the computed delay. On by default.</summary>
    public bool HonorRetryAfter { get; init; } = true;

    /// <summary>
    /// Decides whether to retry after a failed attempt and how long to wait first. Deterministic: it depends
    /// only on its arguments, so orchestration code may call it during replay.
    /// </summary>
    /// <param name="attemptsSoFar">Attempts made, the failed one included (1 after the first failure).</param>
    /// <param name="failure">The failure of the last attempt.</param>
    /// <param name="sinceFirstAttempt">Orchestration time elapsed since the first attempt started.</param>
    /// <param name="delay">The delay before the next attempt, when the answer is true.</param>
    public bool TryGetNextDelay(int attemptsSoFar, TaskFailureDetails failure, TimeSpan sinceFirstAttempt, out TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(failure);
        delay = TimeSpan.Zero;
        if (attemptsSoFar >= MaxNumberOfAttempts || !HandleFailure(failure))
        {
            return false;
        }

        if (RetryTimeout != Timeout.InfiniteTimeSpan && sinceFirstAttempt >= RetryTimeout)
        {
            return false;
        }

        if (HonorRetryAfter && failure.RetryAfter is { } hint && hint > TimeSpan.Zero)
        {
            delay = hint;
            return true;
        }

        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attemptsSoFar - 1);
        delay = ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
