using System.Globalization;
using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>How numbers, times and statuses read on the pages (invariant culture, UTC).</summary>
internal static class Display
{
    public static string Tokens(long tokens) => tokens.ToString("N0", CultureInfo.InvariantCulture);

    public static string Cost(decimal cost, string prefix) =>
        prefix + (cost == 0m ? "0" : cost < 0.01m ? cost.ToString("0.0000", CultureInfo.InvariantCulture) : cost.ToString("0.00", CultureInfo.InvariantCulture));

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => Time(time.UtcDateTime);

    public static string TimeTag(DateTime utc) =>
        $"<time datetime=\"{utc.ToString("o", CultureInfo.InvariantCulture)}\">{Time(utc)}</time>";

    public static string TimeTag(DateTimeOffset time) => TimeTag(time.UtcDateTime);

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds switch
        {
            < 1 => ((int)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms",
            < 60 => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
            < 3600 => $"{(int)span.TotalMinutes} min {span.Seconds} s",
            < 86400 => $"{(int)span.TotalHours} h {span.Minutes} min",
            _ => $"{(int)span.TotalDays} d {span.Hours} h",
        };
    }

    public static string StatusBadge(OrchestrationRuntimeStatus status) =>
        $"<span class=\"badge st-{status.ToString().ToLowerInvariant()}\">{status}</span>";

    public static string StepBadge(TimelineStepStatus status) =>
        $"<span class=\"badge ts-{status.ToString().ToLowerInvariant()}\">{status switch { TimelineStepStatus.NoDecision => "no decision", _ => status.ToString().ToLowerInvariant() }}</span>";
}
