using System.Collections.Concurrent;

namespace Baton.Functions.Tests.Conformance.RetriedChild;

/// <summary>The instance ids <see cref="FlakyStepActivity"/> ran for, in order: one container's record. Thread-safe.</summary>
public sealed class ChildAttempts
{
    private readonly ConcurrentQueue<string> _instanceIds = new();

    /// <summary>The calling instances' ids, in call order.</summary>
    public IReadOnlyList<string> InstanceIds => [.. _instanceIds];

    /// <summary>Records a call from <paramref name="instanceId"/> and answers how many calls there were.</summary>
    public int Record(string instanceId)
    {
        _instanceIds.Enqueue(instanceId);
        return _instanceIds.Count;
    }
}
