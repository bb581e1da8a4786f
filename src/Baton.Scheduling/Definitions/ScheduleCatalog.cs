using System.Globalization;
using Cronos;

namespace Baton.Scheduling;

/// <summary>
/// The validated schedules of a host. Construction checks every definition (name, cron expression, time zone, workflow,
/// unique names) and throws <see cref="ScheduleConfigurationException"/> naming the first schedule at fault, so that a
/// bad schedule stops start-up instead of silently never running.
/// </summary>
public sealed class ScheduleCatalog
{
    private readonly Dictionary<string, Schedule> byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates and compiles <paramref name="definitions"/>.</summary>
    /// <exception cref="ScheduleConfigurationException">A definition is invalid or two share a name.</exception>
    public ScheduleCatalog(IEnumerable<ScheduleDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var schedules = new List<Schedule>();
        var position = 0;
        foreach (var definition in definitions)
        {
            var schedule = Compile(definition, position++);
            if (!byName.TryAdd(schedule.Name, schedule))
            {
                throw new ScheduleConfigurationException(
                    schedule.Name,
                    $"Schedule '{schedule.Name}' is defined twice (in configuration Baton:Schedules or in code). Give each schedule its own name.");
            }

            schedules.Add(schedule);
        }

        Schedules = schedules;
    }

    /// <summary>All schedules, enabled or not, in definition order.</summary>
    public IReadOnlyList<Schedule> Schedules { get; }

    /// <summary>The schedule with this name (case-insensitive), or null.</summary>
    public Schedule? Find(string name) => byName.GetValueOrDefault(name);

    private static Schedule Compile(ScheduleDefinition definition, int position)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition.Name?.Trim() ?? string.Empty;
        var label = name.Length > 0 ? name : $"#{position.ToString(CultureInfo.InvariantCulture)}";
        if (name.Length == 0)
        {
            throw new ScheduleConfigurationException(label, $"Schedule {label} in Baton:Schedules has no Name. Give it one, e.g. \"weekly-report\".");
        }

        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ScheduleConfigurationException(
                name,
                $"Schedule '{name}' has a name that cannot start instance ids: use at most 64 letters, digits, '-', '_' or '.'.");
        }

        if (string.IsNullOrWhiteSpace(definition.Workflow))
        {
            throw new ScheduleConfigurationException(name, $"Schedule '{name}' names no Workflow. Set Workflow to the workflow it starts, e.g. \"weekly-report\".");
        }

        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(definition.Cron?.Trim() ?? string.Empty, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            throw new ScheduleConfigurationException(
                name,
                $"Schedule '{name}' has an invalid Cron expression '{definition.Cron}': {ex.Message} Use 6 fields with seconds " +
                "(second minute hour day month day-of-week), e.g. \"0 0 8 * * Mon\" for Mondays at 08:00.");
        }

        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(definition.TimeZone) || string.Equals(definition.TimeZone.Trim(), "UTC", StringComparison.OrdinalIgnoreCase)
                ? TimeZoneInfo.Utc
                : TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZone.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ScheduleConfigurationException(
                name,
                $"Schedule '{name}' has an unknown TimeZone '{definition.TimeZone}'. Use an IANA id such as \"Europe/Paris\", or \"UTC\".");
        }

        return new Schedule(definition, name, cron, zone);
    }
}
