namespace Baton.Durable.AzureStorage;

/// <summary>
/// Randomized exponential back-off for polling an idle queue: 20 ms doubling up to the configured ceiling. Each wait
/// is jittered by up to a tenth either way, so that many pollers do not beat in step and an idle queue is polled
/// about once per ceiling. Not thread-safe.
/// </summary>
internal sealed class PollingBackoff(TimeSpan max)
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(20);
    private TimeSpan _current;

    /// <summary>The ceiling; may be changed between waits.</summary>
    public TimeSpan Max { get; set; } = max;

    /// <summary>Starts again from the shortest wait (a poll found messages).</summary>
    public void Reset() => _current = TimeSpan.Zero;

    /// <summary>Makes the next wait at most <paramref name="wait"/> (and the ones after grow from there).</summary>
    public void ResetTo(TimeSpan wait)
    {
        if (_current == TimeSpan.Zero || _current > wait)
        {
            _current = wait / 2;
        }
    }

    /// <summary>The next wait: longer each call up to <see cref="Max"/>, jittered.</summary>
    public TimeSpan Next()
    {
        _current = _current == TimeSpan.Zero ? Initial : TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, Max.Ticks));
        return _current * (0.9 + (Random.Shared.NextDouble() * 0.2));
    }
}
