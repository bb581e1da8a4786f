namespace Baton.Scheduling;

/// <summary>A schedule as operators see it: definition, last run and next occurrence.</summary>
/// <param name="Name">The schedule's name.</param>
/// <param name="Cron">The NCRONTAB expression.</param>
/// <param name="TimeZone">The time zone id the expression is read in.</param>
/// <param name="Workflow">The workflow each occurrence starts.</param>
/// <param name="Enabled">False when the schedule never starts anything.</param>
/// <param name="LastOccurrence">The latest occurrence started, from the state store; null before the first.</param>
/// <param name="NextOccurrence">The next occurrence that will start a run; null when disabled or the expression has none.</param>
/// <param name="LastInstanceId">The instance id of the last run.</param>
public sealed record ScheduleStatus(
    string Name,
    string Cron,
    string TimeZone,
    string Workflow,
    bool Enabled,
    DateTimeOffset? LastOccurrence,
    DateTimeOffset? NextOccurrence,
    string? LastInstanceId);
