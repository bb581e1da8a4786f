using Cronos;

namespace Baton.Scheduling;

/// <summary>A validated <see cref="ScheduleDefinition"/> with its parsed expression and time zone.</summary>
public sealed class Schedule
{
    internal Schedule(ScheduleDefinition definition, string name, CronExpression expression, TimeZoneInfo timeZone)
    {
        Definition = definition;
        Name = name;
        Expression = expression;
        TimeZone = timeZone;
    }

    /// <summary>The definition as given.</summary>
    public ScheduleDefinition Definition { get; }

    /// <summary>The trimmed name.</summary>
    public string Name { get; }

    /// <summary>The parsed expression.</summary>
    public CronExpression Expression { get; }

    /// <summary>The time zone the expression is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => Expression.GetNextOccurrence(after, TimeZone, inclusive: false);

    /// <summary>The latest occurrence in (<paramref name="after"/>, <paramref name="until"/>], and how many there were.</summary>
    public (DateTimeOffset? Latest, long Count) LatestBetween(DateTimeOffset after, DateTimeOffset until)
    {
        DateTimeOffset? latest = null;
        long count = 0;
        if (until <= after)
        {
            return (null, 0);
        }

        foreach (var occurrence in Expression.GetOccurrences(after, until, TimeZone, fromInclusive: false, toInclusive: true))
        {
            latest = occurrence;
            count++;
        }

        return (latest, count);
    }

    /// <summary>The instance id of the run for an occurrence: <c>{name}-{occurrenceUtc:yyyyMMddTHHmmssZ}</c>.</summary>
    public string InstanceIdFor(DateTimeOffset occurrence) =>
        Name + "-" + occurrence.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
