namespace Baton.Agents.Tests.Fakes;

/// <summary>Records notifications and lets a test answer them, e.g. by raising the decision event.</summary>
internal sealed class RecordingApprovalNotifier : IApprovalNotifier
{
    public List<ApprovalNotification> Notifications { get; } = [];

    public Action<ApprovalNotification>? OnNotify { get; set; }

    public Task NotifyAsync(ApprovalNotification notification, CancellationToken cancellationToken)
    {
        Notifications.Add(notification);
        OnNotify?.Invoke(notification);
        return Task.CompletedTask;
    }
}
