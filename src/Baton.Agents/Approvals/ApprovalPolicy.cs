namespace Baton.Agents;

/// <summary>How long to wait for a decision and what to do meanwhile. All times are orchestration (durable) time.</summary>
/// <param name="Timeout">How long the request stays open in all.</param>
/// <param name="ReminderInterval">How long to wait before each reminder; null for no reminders.</param>
/// <param name="MaxReminders">How many reminders at most, before escalating.</param>
/// <param name="EscalationApprovers">Who is asked as well once the reminders are spent; empty for no escalation.</param>
/// <param name="DefaultDecision">What happens when the timeout passes with no decision.</param>
public sealed record ApprovalPolicy(
    TimeSpan Timeout,
    TimeSpan? ReminderInterval = null,
    int MaxReminders = 0,
    IReadOnlyList<string>? EscalationApprovers = null,
    ApprovalTimeoutAction DefaultDecision = ApprovalTimeoutAction.Reject)
{
    /// <summary>Three days, a reminder a day (two at most), then reject.</summary>
    public static ApprovalPolicy Default { get; } = new(TimeSpan.FromDays(3), TimeSpan.FromDays(1), 2);
}
