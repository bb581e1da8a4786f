namespace Baton.Scheduling;

/// <summary>A schedule is defined wrongly; the message names the schedule and what to fix. Thrown at start-up.</summary>
public sealed class ScheduleConfigurationException(string scheduleName, string message) : InvalidOperationException(message)
{
    /// <summary>The schedule at fault (or its position in configuration when it has no name).</summary>
    public string ScheduleName { get; } = scheduleName;
}
