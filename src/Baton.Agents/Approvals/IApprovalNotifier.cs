namespace Baton.Agents;

/// <summary>
/// Delivers approval notifications (email, Teams card, an outbox). Hosts register their own; the default only logs.
/// Called from an activity, so at least once per notification: delivery should tolerate a repeat.
/// </summary>
public interface IApprovalNotifier
{
    /// <summary>Delivers one notification.</summary>
    Task NotifyAsync(ApprovalNotification notification, CancellationToken cancellationToken);
}
