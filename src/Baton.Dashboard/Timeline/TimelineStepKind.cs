namespace Baton.Dashboard;

/// <summary>What a bar of the Gantt timeline stands for.</summary>
internal enum TimelineStepKind
{
    Agent,
    Tool,
    Activity,
    Notification,
    Approval,
    Timer,
    SubWorkflow,
    Event,
    Lifecycle,
}
