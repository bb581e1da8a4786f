namespace Baton.Agents;

/// <summary>Why approvers are notified.</summary>
public enum ApprovalNotificationKind
{
    /// <summary>A new request.</summary>
    Requested,

    /// <summary>A reminder of an open request.</summary>
    Reminder,

    /// <summary>The request goes to escalation approvers too.</summary>
    Escalated,
}
