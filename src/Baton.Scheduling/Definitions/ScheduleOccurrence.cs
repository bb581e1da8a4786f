namespace Baton.Scheduling;

/// <summary>One occurrence of a schedule, as given to an input factory.</summary>
/// <param name="ScheduleName">The schedule's name.</param>
/// <param name="OccurrenceUtc">When the occurrence fell due (UTC, whole seconds).</param>
/// <param name="OccurrenceLocal">The same instant in the schedule's time zone.</param>
/// <param name="IsPastDue">True when it runs late, at start-up, because no host was running when it fell due.</param>
public sealed record ScheduleOccurrence(string ScheduleName, DateTimeOffset OccurrenceUtc, DateTimeOffset OccurrenceLocal, bool IsPastDue);
