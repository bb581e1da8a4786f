namespace Baton.Dashboard;

/// <summary>A run's steps in the order they began, between the run's start and its end (or now while it runs).</summary>
internal sealed record RunTimeline(DateTime Start, DateTime? End, IReadOnlyList<TimelineStep> Steps)
{
    /// <summary>Where open steps and an unfinished run are drawn up to.</summary>
    public DateTime OpenUntil(DateTime now) => End ?? (now > Start ? now : Start);

    public TimeSpan Duration(DateTime now) => OpenUntil(now) - Start;
}
