namespace Baton.Scheduling;

/// <summary>What is persisted per schedule between host runs.</summary>
/// <param name="Name">The schedule's name.</param>
/// <param name="LastOccurrence">The latest occurrence that was started (or found already started); null before the first.</param>
/// <param name="NextOccurrence">The next occurrence due after the last check; null when the expression has none.</param>
/// <param name="LastInstanceId">The instance id of the run for <see cref="LastOccurrence"/>.</param>
public sealed record ScheduleState(string Name, DateTimeOffset? LastOccurrence, DateTimeOffset? NextOccurrence, string? LastInstanceId)
{
    /// <summary>An occurrence a runner has claimed and is starting; see <see cref="IScheduleStateStore.TryClaimAsync"/>.</summary>
    public DateTimeOffset? ClaimedOccurrence { get; init; }

    /// <summary>The runner that holds the claim.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>When the claim lapses, so that another runner may start the occurrence if the holder stopped.</summary>
    public DateTimeOffset? ClaimExpiresAt { get; init; }

    /// <summary>
    /// True when <paramref name="owner"/> may claim <paramref name="occurrence"/> at <paramref name="now"/>: it has not
    /// been started, and no other runner holds an unexpired claim on it or a later one.
    /// </summary>
    public bool CanClaim(DateTimeOffset occurrence, string owner, DateTimeOffset now) =>
        !(Compare(LastOccurrence, occurrence) >= 0) &&
        !(Compare(ClaimedOccurrence, occurrence) >= 0 && ClaimedBy != owner && ClaimExpiresAt > now);

    /// <summary>This state with a claim on <paramref name="occurrence"/> by <paramref name="owner"/> until <paramref name="expiresAt"/>.</summary>
    public ScheduleState WithClaim(DateTimeOffset occurrence, string owner, DateTimeOffset expiresAt) =>
        this with { ClaimedOccurrence = occurrence, ClaimedBy = owner, ClaimExpiresAt = expiresAt };

    /// <summary>
    /// The state to keep when <paramref name="incoming"/> is saved over <paramref name="current"/>: the last occurrence
    /// never moves back, so that two hosts saving in any order converge on the latest. The stored claim is kept.
    /// </summary>
    public static ScheduleState Merge(ScheduleState? current, ScheduleState incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (current is null)
        {
            return incoming;
        }

        var merged = Compare(incoming.LastOccurrence, current.LastOccurrence) switch
        {
            > 0 => incoming,
            0 => current with { NextOccurrence = Later(current.NextOccurrence, incoming.NextOccurrence) },
            _ => current,
        };
        return merged with { ClaimedOccurrence = current.ClaimedOccurrence, ClaimedBy = current.ClaimedBy, ClaimExpiresAt = current.ClaimExpiresAt };
    }

    private static int Compare(DateTimeOffset? a, DateTimeOffset? b) =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => a.Value.CompareTo(b.Value),
        };

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => Compare(a, b) >= 0 ? a : b;
}
