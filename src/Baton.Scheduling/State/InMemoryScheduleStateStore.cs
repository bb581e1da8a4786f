using System.Collections.Concurrent;

namespace Baton.Scheduling;

/// <summary>An <see cref="IScheduleStateStore"/> in process memory: for tests and for running without storage.</summary>
public sealed class InMemoryScheduleStateStore : IScheduleStateStore
{
    private readonly ConcurrentDictionary<string, ScheduleState> states = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public Task<ScheduleState?> GetAsync(string scheduleName, CancellationToken cancellationToken = default) =>
        Task.FromResult(states.GetValueOrDefault(scheduleName));

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduleState>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ScheduleState>>([.. states.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)]);

    /// <inheritdoc />
    public Task<ScheduleState> SaveAsync(ScheduleState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Task.FromResult(states.AddOrUpdate(state.Name, state, (_, current) => ScheduleState.Merge(current, state)));
    }

    /// <inheritdoc />
    public Task<bool> TryClaimAsync(string scheduleName, DateTimeOffset occurrence, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleName);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        while (true)
        {
            if (!states.TryGetValue(scheduleName, out var current))
            {
                var claimed = new ScheduleState(scheduleName, null, null, null).WithClaim(occurrence, owner, expiresAt);
                if (states.TryAdd(scheduleName, claimed))
                {
                    return Task.FromResult(true);
                }

                continue;
            }

            if (!current.CanClaim(occurrence, owner, now))
            {
                return Task.FromResult(false);
            }

            if (states.TryUpdate(scheduleName, current.WithClaim(occurrence, owner, expiresAt), current))
            {
                return Task.FromResult(true);
            }
        }
    }
}
