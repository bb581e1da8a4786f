using System.Text.Json;

namespace Baton.Scheduling;

/// <summary>
/// A schedule: which workflow to start, when (6-field NCRONTAB with seconds, as Azure Functions' timer trigger uses:
/// <c>second minute hour day month day-of-week</c>), in which time zone, and with which input. Bound from each entry of
/// the configuration array <c>Baton:Schedules</c>, or registered from code. Mondays 08:00 UTC is <c>0 0 8 * * Mon</c>.
/// </summary>
public sealed class ScheduleDefinition
{
    /// <summary>A unique name; instance ids of its runs start with it. Letters, digits, '-', '_' and '.'.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The 6-field NCRONTAB expression, e.g. <c>0 0 8 * * Mon</c>.</summary>
    public string Cron { get; set; } = string.Empty;

    /// <summary>The IANA or Windows time zone id the expression is read in. Default "UTC".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The workflow (orchestrator name) each occurrence starts.</summary>
    public string Workflow { get; set; } = string.Empty;

    /// <summary>
    /// The input given to each run, as JSON; null for none. String values may contain <c>{occurrence:FORMAT}</c> or
    /// <c>{occurrence-7d:FORMAT}</c> / <c>{occurrence+1d:FORMAT}</c>, replaced with the occurrence time in the schedule's
    /// time zone (e.g. <c>{occurrence-7d:yyyy-MM-dd}</c> for the start of the week before). Ignored when
    /// <see cref="InputFactory"/> is set.
    /// </summary>
    public JsonElement? Input { get; set; }

    /// <summary>Builds the input of each run from code; takes precedence over <see cref="Input"/>.</summary>
    public Func<ScheduleOccurrence, object?>? InputFactory { get; set; }

    /// <summary>False to keep the schedule defined but never start it. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What to do at start-up about an occurrence missed while no host ran. Default <see cref="PastDuePolicy.RunOnceAtStartup"/>.</summary>
    public PastDuePolicy PastDue { get; set; } = PastDuePolicy.RunOnceAtStartup;
}
