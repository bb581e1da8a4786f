using Baton.Agents;

namespace Baton.Approvals;

/// <summary>One approval notification for one approver, with that approver's signed link.</summary>
/// <param name="Notification">The notification being delivered (request, kind, sequence).</param>
/// <param name="Approver">The recipient of this message.</param>
/// <param name="Link">The approver's own link; it carries a token, so it is shown to the approver only and never logged.</param>
public sealed record ApprovalMessage(ApprovalNotification Notification, string Approver, Uri Link)
{
    /// <summary>The request being asked about.</summary>
    public ApprovalRequest Request => Notification.Request;

    /// <summary>True for reminders and escalations, which repeat an open request.</summary>
    public bool IsRepeat => Notification.Kind != ApprovalNotificationKind.Requested;
}
