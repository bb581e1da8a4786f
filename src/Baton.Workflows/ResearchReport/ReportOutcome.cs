namespace Baton.Workflows;

/// <summary>How a research report run ended.</summary>
public enum ReportOutcome
{
    /// <summary>Approved (by a person or by the timeout default) and written to the reports store.</summary>
    Published,

    /// <summary>Rejected by a person, after any revision allowed; nothing was published.</summary>
    Rejected,

    /// <summary>Nobody decided in time and the default was to reject; nothing was published.</summary>
    TimedOut,
}
