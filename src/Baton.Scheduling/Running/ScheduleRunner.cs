using Baton.Durable;
using Microsoft.Extensions.Logging;

namespace Baton.Scheduling;

/// <summary>
/// Starts each schedule's workflow once per occurrence, on the clock of a <see cref="TimeProvider"/>.
/// <para>
/// Each occurrence starts an instance with id <c>{schedule}-{occurrenceUtc:yyyyMMddTHHmmssZ}</c>. Before starting, a
/// runner claims the occurrence in the state store for <see cref="ClaimLease"/>; only the holder starts it, and a
/// claim left by a runner that stopped lapses so that another takes over. An occurrence also counts as already started
/// when the state store has a later or equal last occurrence, when an instance with that id exists in any status, or
/// when the client refuses the id with <see cref="OrchestrationAlreadyExistsException"/>; so runners on several hosts,
/// or one restarted, start each occurrence once.
/// </para>
/// <para>
/// At start-up (<see cref="CatchUpAsync"/>), an occurrence that fell due after the persisted state while no runner was
/// checking runs once under <see cref="PastDuePolicy.RunOnceAtStartup"/>: the most recent one only, never more. Later,
/// if several occurrences fell due between two checks (a suspended machine), likewise only the latest starts.
/// </para>
/// </summary>
public sealed class ScheduleRunner
{
    /// <summary>The longest the runner sleeps between checks, so that clock changes are noticed.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);

    /// <summary>How long a claim on an occurrence holds before another runner may start it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(1);

    /// <summary>How soon an occurrence that failed to start, or that another runner claimed, is tried again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly ScheduleCatalog catalog;
    private readonly IScheduleStateStore store;
    private readonly DurableTaskClient client;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ScheduleRunner> logger;
    private readonly IScheduledStartResolver? startResolver;
    private readonly Dictionary<string, DateTimeOffset> checkedUntil = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> retryAt = new(StringComparer.OrdinalIgnoreCase);
    private readonly string owner = Environment.MachineName + "/" + Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool caughtUp;

    /// <summary>
    /// Creates a runner over the given schedules. <paramref name="startResolver"/> maps each schedule's workflow onto the
    /// orchestration to start; without one the workflow name is the orchestrator name.
    /// </summary>
    public ScheduleRunner(
        ScheduleCatalog catalog,
        IScheduleStateStore store,
        DurableTaskClient client,
        TimeProvider timeProvider,
        ILogger<ScheduleRunner> logger,
        IScheduledStartResolver? startResolver = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.catalog = catalog;
        this.store = store;
        this.client = client;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.startResolver = startResolver;
    }

    /// <summary>
    /// Catches up (<see cref="CatchUpAsync"/>), then checks for due occurrences whenever the next one falls due (at least
    /// every <see cref="MaxSleep"/>) until <paramref name="cancellationToken"/> is cancelled. Storage or client failures
    /// are logged and retried at the next check; cancellation ends it without an exception.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.RunnerFailed(logger, ex);
            }

            try
            {
                await Task.Delay(NextDelay(), timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The start-up check: for each enabled schedule with persisted state, runs the most recent occurrence missed since
    /// that state once (under <see cref="PastDuePolicy.RunOnceAtStartup"/>), and persists the next occurrence.
    /// Returns how many runs this runner started. Later calls do nothing and return 0.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CatchUpCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Starts the latest occurrence of each enabled schedule that fell due since the previous check (catching up first
    /// if that has not happened yet). Returns how many runs this runner started.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!caughtUp)
            {
                return await CatchUpCoreAsync(cancellationToken).ConfigureAwait(false);
            }

            var now = timeProvider.GetUtcNow();
            var started = 0;
            foreach (var schedule in catalog.Schedules.Where(s => s.Definition.Enabled))
            {
                var (latest, count) = schedule.LatestBetween(checkedUntil[schedule.Name], now);
                if (latest is not { } occurrence)
                {
                    checkedUntil[schedule.Name] = now;
                    continue;
                }

                if (retryAt.TryGetValue(schedule.Name, out var retry) && retry > now)
                {
                    continue;
                }

                if (count > 1)
                {
                    Log.OccurrencesMissed(logger, schedule.Name, count - 1, occurrence, "running only the latest");
                }

                try
                {
                    var outcome = await StartAsync(schedule, occurrence, now, isPastDue: false, cancellationToken).ConfigureAwait(false);
                    if (outcome == ScheduleStartOutcome.ClaimedElsewhere)
                    {
                        // Not advancing: if the holder stops before starting it, this runner takes over once the claim lapses.
                        retryAt[schedule.Name] = now + RetryInterval;
                        continue;
                    }

                    started += outcome == ScheduleStartOutcome.Started ? 1 : 0;
                    checkedUntil[schedule.Name] = now;
                    retryAt.Remove(schedule.Name);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.OccurrenceFailed(logger, ex, schedule.Name, schedule.Definition.Workflow, occurrence);
                    retryAt[schedule.Name] = now + RetryInterval;
                }
            }

            return started;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Every schedule with its expression, time zone, workflow, last occurrence (persisted) and next occurrence.</summary>
    public async Task<IReadOnlyList<ScheduleStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var states = (await store.ListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        return [.. catalog.Schedules.Select(schedule =>
        {
            var state = states.GetValueOrDefault(schedule.Name);
            var definition = schedule.Definition;
            return new ScheduleStatus(
                schedule.Name,
                definition.Cron,
                schedule.TimeZone.Id,
                definition.Workflow,
                definition.Enabled,
                state?.LastOccurrence,
                definition.Enabled ? schedule.NextAfter(now) : null,
                state?.LastInstanceId);
        })];
    }

    /// <summary>How long to sleep until the next occurrence of any enabled schedule, at most <see cref="MaxSleep"/>.</summary>
    internal TimeSpan NextDelay()
    {
        var now = timeProvider.GetUtcNow();
        var delay = MaxSleep;
        foreach (var schedule in catalog.Schedules.Where(s => s.Definition.Enabled))
        {
            var from = checkedUntil.TryGetValue(schedule.Name, out var until) ? until : now;
            if (retryAt.TryGetValue(schedule.Name, out var retry))
            {
                var wait = retry - now;
                delay = wait < delay ? wait : delay;
            }
            else if (schedule.NextAfter(from) is { } next)
            {
                var wait = next - now;
                delay = wait < delay ? wait : delay;
            }
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private async Task<int> CatchUpCoreAsync(CancellationToken cancellationToken)
    {
        if (caughtUp)
        {
            return 0;
        }

        var now = timeProvider.GetUtcNow();
        var started = 0;
        var pending = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (var schedule in catalog.Schedules)
        {
            if (!schedule.Definition.Enabled)
            {
                Log.ScheduleDisabled(logger, schedule.Name);
                continue;
            }

            var state = await store.GetAsync(schedule.Name, cancellationToken).ConfigureAwait(false);
            var anchor = Latest(state?.LastOccurrence, state?.NextOccurrence?.AddTicks(-1));
            if (anchor is { } since && schedule.LatestBetween(since, now) is { Latest: { } missed } found)
            {
                if (schedule.Definition.PastDue == PastDuePolicy.RunOnceAtStartup)
                {
                    if (found.Count > 1)
                    {
                        Log.OccurrencesMissed(logger, schedule.Name, found.Count, missed, "running the latest once");
                    }

                    var outcome = await StartAsync(schedule, missed, now, isPastDue: true, cancellationToken).ConfigureAwait(false);
                    started += outcome == ScheduleStartOutcome.Started ? 1 : 0;
                    if (outcome == ScheduleStartOutcome.ClaimedElsewhere)
                    {
                        pending[schedule.Name] = missed;
                    }
                }
                else
                {
                    Log.OccurrencesMissed(logger, schedule.Name, found.Count, missed, "skipping them (PastDue = Skip)");
                }
            }

            var saved = await store.SaveAsync(
                new ScheduleState(schedule.Name, state?.LastOccurrence, schedule.NextAfter(now), state?.LastInstanceId),
                cancellationToken).ConfigureAwait(false);
            Log.ScheduleLoaded(logger, schedule.Name, schedule.Definition.Cron, schedule.TimeZone.Id, schedule.Definition.Workflow, saved.LastOccurrence, schedule.NextAfter(now));
        }

        foreach (var schedule in catalog.Schedules)
        {
            // An occurrence another runner claimed stays due here until it is seen started (or the claim lapses).
            if (pending.TryGetValue(schedule.Name, out var claimed))
            {
                checkedUntil[schedule.Name] = claimed.AddTicks(-1);
                retryAt[schedule.Name] = now + RetryInterval;
            }
            else
            {
                checkedUntil[schedule.Name] = now;
            }
        }

        caughtUp = true;
        return started;
    }

    private async Task<ScheduleStartOutcome> StartAsync(Schedule schedule, DateTimeOffset occurrence, DateTimeOffset now, bool isPastDue, CancellationToken cancellationToken)
    {
        var instanceId = schedule.InstanceIdFor(occurrence);
        var outcome = await TryStartAsync(schedule, occurrence, instanceId, now, isPastDue, cancellationToken).ConfigureAwait(false);
        if (outcome == ScheduleStartOutcome.ClaimedElsewhere)
        {
            Log.OccurrenceClaimedElsewhere(logger, schedule.Name, occurrence);
            return outcome;
        }

        var after = occurrence > now ? occurrence : now;
        await store.SaveAsync(new ScheduleState(schedule.Name, occurrence, schedule.NextAfter(after), instanceId), cancellationToken).ConfigureAwait(false);
        if (outcome == ScheduleStartOutcome.Started)
        {
            Log.OccurrenceStarted(logger, schedule.Name, schedule.Definition.Workflow, instanceId, occurrence, isPastDue ? " (past due, run at start-up)" : string.Empty);
        }
        else
        {
            Log.OccurrenceAlreadyStarted(logger, schedule.Name, occurrence, instanceId);
        }

        return outcome;
    }

    private async Task<ScheduleStartOutcome> TryStartAsync(Schedule schedule, DateTimeOffset occurrence, string instanceId, DateTimeOffset now, bool isPastDue, CancellationToken cancellationToken)
    {
        var state = await store.GetAsync(schedule.Name, cancellationToken).ConfigureAwait(false);
        if (state?.LastOccurrence >= occurrence)
        {
            return ScheduleStartOutcome.AlreadyStarted;
        }

        if (!await store.TryClaimAsync(schedule.Name, occurrence, owner, now, now + ClaimLease, cancellationToken).ConfigureAwait(false))
        {
            var latest = await store.GetAsync(schedule.Name, cancellationToken).ConfigureAwait(false);
            return latest?.LastOccurrence >= occurrence ? ScheduleStartOutcome.AlreadyStarted : ScheduleStartOutcome.ClaimedElsewhere;
        }

        // A finished instance would be replaced by a new start, so any existing instance means this occurrence ran.
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return ScheduleStartOutcome.AlreadyStarted;
        }

        var input = ScheduleInput.For(
            schedule.Definition,
            new ScheduleOccurrence(schedule.Name, occurrence, TimeZoneInfo.ConvertTime(occurrence, schedule.TimeZone), isPastDue));
        var (orchestrator, orchestratorInput) = startResolver?.Resolve(schedule.Definition.Workflow, input) ?? (schedule.Definition.Workflow, input);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                orchestrator,
                orchestratorInput,
                new StartOrchestrationOptions(instanceId),
                cancellationToken).ConfigureAwait(false);
            return ScheduleStartOutcome.Started;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return ScheduleStartOutcome.AlreadyStarted;
        }
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}
