namespace Baton.Agents;

/// <summary>The input of the <see cref="AgentActivityNames.NotifyApprovers"/> activity: one message to approvers.</summary>
/// <param name="Request">The open request.</param>
/// <param name="Kind">First request, reminder or escalation.</param>
/// <param name="Recipients">Who this message goes to.</param>
/// <param name="Sequence">1 for the first message of a kind, then 2, 3... (reminder number).</param>
public sealed record ApprovalNotification(ApprovalRequest Request, ApprovalNotificationKind Kind, IReadOnlyList<string> Recipients, int Sequence = 1);
