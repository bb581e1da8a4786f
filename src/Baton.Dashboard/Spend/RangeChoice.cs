namespace Baton.Dashboard;

/// <summary>A preset time range (1h, 24h, 7d, 30d or all) and the creation time it starts at.</summary>
internal sealed record RangeChoice(string Key, DateTimeOffset? From)
{
    public static RangeChoice Parse(string? key, DateTimeOffset now, string fallback)
    {
        var chosen = string.IsNullOrWhiteSpace(key) ? fallback : key.Trim();
        if (chosen == "all")
        {
            return new RangeChoice("all", null);
        }

        var preset = RunFilter.Ranges.FirstOrDefault(r => r.Key == chosen);
        return preset.Key is null ? Parse(fallback, now, "all") : new RangeChoice(preset.Key, now - preset.Span);
    }
}
