namespace Baton.Dashboard;

/// <summary>How a timeline step ended, or that it has not yet.</summary>
internal enum TimelineStepStatus
{
    Running,
    Completed,
    Failed,
    Approved,
    Rejected,
    NoDecision,
    Cancelled,
}
