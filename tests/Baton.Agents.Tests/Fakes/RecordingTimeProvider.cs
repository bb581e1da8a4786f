using Microsoft.Extensions.Time.Testing;

namespace Baton.Agents.Tests.Fakes;

/// <summary>Fake time that also records every timer's due time, so a test can see which waits were asked for.</summary>
internal sealed class RecordingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _dueTimes = [];

    public FakeTimeProvider Fake { get; } = inner;

    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_lock)
            {
                return [.. _dueTimes];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _dueTimes.Add(dueTime);
        }

        return Fake.CreateTimer(callback, state, dueTime, period);
    }
}
