using Microsoft.Extensions.Logging;

namespace Baton.Scheduling;

/// <summary>Baton.Scheduling's log messages, with stable event ids (6450-6499).</summary>
internal static partial class Log
{
    [LoggerMessage(6450, LogLevel.Information, "Schedule {Schedule} ({Cron}, {TimeZone}) starts {Workflow}; last occurrence {Last}, next {Next}.")]
    public static partial void ScheduleLoaded(ILogger logger, string schedule, string cron, string timeZone, string workflow, DateTimeOffset? last, DateTimeOffset? next);

    [LoggerMessage(6451, LogLevel.Information, "Schedule {Schedule} is disabled.")]
    public static partial void ScheduleDisabled(ILogger logger, string schedule);

    [LoggerMessage(6452, LogLevel.Information, "Schedule {Schedule}: started {Workflow} as {InstanceId} for the occurrence at {Occurrence:O}{PastDue}.")]
    public static partial void OccurrenceStarted(ILogger logger, string schedule, string workflow, string instanceId, DateTimeOffset occurrence, string pastDue);

    [LoggerMessage(6453, LogLevel.Debug, "Schedule {Schedule}: the occurrence at {Occurrence:O} was already started as {InstanceId}.")]
    public static partial void OccurrenceAlreadyStarted(ILogger logger, string schedule, DateTimeOffset occurrence, string instanceId);

    [LoggerMessage(6454, LogLevel.Warning, "Schedule {Schedule}: {Count} occurrence(s) up to {Occurrence:O} were missed; {Action}.")]
    public static partial void OccurrencesMissed(ILogger logger, string schedule, long count, DateTimeOffset occurrence, string action);

    [LoggerMessage(6455, LogLevel.Error, "Schedule {Schedule}: starting {Workflow} for the occurrence at {Occurrence:O} failed; it is tried again shortly.")]
    public static partial void OccurrenceFailed(ILogger logger, Exception exception, string schedule, string workflow, DateTimeOffset occurrence);

    [LoggerMessage(6457, LogLevel.Debug, "Schedule {Schedule}: another runner is starting the occurrence at {Occurrence:O}; checking again shortly.")]
    public static partial void OccurrenceClaimedElsewhere(ILogger logger, string schedule, DateTimeOffset occurrence);

    [LoggerMessage(6456, LogLevel.Error, "The schedule runner failed; it checks again shortly.")]
    public static partial void RunnerFailed(ILogger logger, Exception exception);
}
