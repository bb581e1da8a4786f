using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// A step's retry policy: how many attempts in all, the first delay, the back-off coefficient and the longest delay.
/// The whole step is run again after a durable timer, so it works the same for every kind of step.
/// </summary>
internal sealed record StepRetry(int MaxAttempts, TimeSpan Delay, double Backoff, TimeSpan? MaxDelay)
{
    public RetryPolicy ToPolicy() => new(MaxAttempts, Delay, Backoff, MaxDelay);
}
