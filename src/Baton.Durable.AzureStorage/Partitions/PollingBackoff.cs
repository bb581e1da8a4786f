namespace Baton.Durable.AzureStorage;

/// <summary>
/// Randomized exponential back-off for polling an idle queue: 20 ms doubling up to the configured ceiling; once the
/// queue has been quiet (no message, no nudge) for as long as the idle ceiling, up to the idle ceiling. Each wait is
/// jittered by up to a tenth either way, so that many pollers do not beat in step and an idle queue is polled about
/// once per ceiling. Not thread-safe.
/// </summary>
internal sealed class PollingBackoff(TimeSpan max, TimeSpan idleMax)
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(20);
    private TimeSpan _current;
    private long _quietSince = -1;

    /// <summary>The ceiling while the queue has been quiet for less than <see cref="IdleMax"/>; may be changed between waits.</summary>
    public TimeSpan Max { get; set; } = max;

    /// <summary>The ceiling once the queue has been quiet for that long (at least <see cref="Max"/>).</summary>
    public TimeSpan IdleMax { get; } = idleMax;

    /// <summary>Starts again from the shortest wait (a poll found messages).</summary>
    public void Reset()
    {
        _current = TimeSpan.Zero;
        _quietSince = -1;
    }

    /// <summary>Makes the next wait at most <paramref name="wait"/> (and the ones after grow from there); the quiet spell ends.</summary>
    public void ResetTo(TimeSpan wait)
    {
        _quietSince = -1;
        if (_current == TimeSpan.Zero || _current > wait)
        {
            _current = wait / 2;
        }
    }

    /// <summary>The next wait: longer each call up to the ceiling, jittered.</summary>
    public TimeSpan Next() => Next(Environment.TickCount64);

    /// <summary><see cref="Next()"/> at <paramref name="nowMilliseconds"/> on <see cref="Environment.TickCount64"/>'s clock.</summary>
    internal TimeSpan Next(long nowMilliseconds)
    {
        if (_quietSince < 0)
        {
            _quietSince = nowMilliseconds;
        }

        var ceiling = nowMilliseconds - _quietSince >= IdleMax.TotalMilliseconds && IdleMax > Max ? IdleMax : Max;
        _current = _current == TimeSpan.Zero ? Initial : TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, ceiling.Ticks));
        return _current * (0.9 + (Random.Shared.NextDouble() * 0.2));
    }
}
