namespace Baton.Scheduling;

/// <summary>Persists <see cref="ScheduleState"/> per schedule, shared by every host on one task hub.</summary>
public interface IScheduleStateStore
{
    /// <summary>The saved state of a schedule, or null when none was saved.</summary>
    Task<ScheduleState?> GetAsync(string scheduleName, CancellationToken cancellationToken = default);

    /// <summary>All saved states.</summary>
    Task<IReadOnlyList<ScheduleState>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="state"/> merged with what is stored (<see cref="ScheduleState.Merge"/>), atomically with
    /// respect to other savers, and returns what is stored afterwards.
    /// </summary>
    Task<ScheduleState> SaveAsync(ScheduleState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically claims <paramref name="occurrence"/> for <paramref name="owner"/> until <paramref name="expiresAt"/>
    /// when <see cref="ScheduleState.CanClaim"/> allows it at <paramref name="now"/>. True when this call holds the claim:
    /// only the holder starts the occurrence, so two runners never both start it.
    /// </summary>
    Task<bool> TryClaimAsync(string scheduleName, DateTimeOffset occurrence, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
