namespace Baton.Durable.AzureStorage;

/// <summary>Randomized exponential back-off for polling an idle queue: 20 ms doubling up to the configured maximum. Not thread-safe.</summary>
internal sealed class PollingBackoff(TimeSpan max)
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(20);
    private TimeSpan _current;

    public void Reset() => _current = TimeSpan.Zero;

    /// <summary>The next wait: longer each call, jittered by up to a fifth so that many pollers do not beat in step.</summary>
    public TimeSpan Next()
    {
        _current = _current == TimeSpan.Zero ? Initial : TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, max.Ticks));
        return _current * (0.8 + (Random.Shared.NextDouble() * 0.2));
    }
}
