using System.Collections.Concurrent;

namespace Baton.Http;

/// <summary>
/// The approvals this process decided in the last ten minutes. Two quick POSTs on one link must not both raise the
/// request's event before the first reaches the history; hosts that make an <see cref="ApprovalLinkApi"/> per request
/// share one instance of this so that the guard holds across requests. Thread-safe.
/// </summary>
public sealed class RecentApprovalDecisions
{
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, DateTime> _decided = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Claims the decision on <paramref name="eventName"/> of <paramref name="instanceId"/>; false when already claimed.</summary>
    public bool TryClaim(string instanceId, string eventName, DateTime now)
    {
        Prune(now);
        return _decided.TryAdd(Key(instanceId, eventName), now);
    }

    /// <summary>Gives a claim back, after the decision could not be recorded.</summary>
    public void Release(string instanceId, string eventName) => _decided.TryRemove(Key(instanceId, eventName), out _);

    private static string Key(string instanceId, string eventName) => instanceId + "|" + eventName;

    private void Prune(DateTime now)
    {
        foreach (var entry in _decided)
        {
            if (now - entry.Value > Kept)
            {
                _decided.TryRemove(entry.Key, out _);
            }
        }
    }
}
