namespace Baton.Scheduling;

/// <summary>What happened to one occurrence.</summary>
public enum ScheduleStartOutcome
{
    /// <summary>This runner started the run.</summary>
    Started,

    /// <summary>A run with the occurrence's instance id already existed (another host, or before a restart): nothing was started.</summary>
    AlreadyStarted,

    /// <summary>Another runner holds an unexpired claim on the occurrence and is starting it; checked again shortly.</summary>
    ClaimedElsewhere,
}
