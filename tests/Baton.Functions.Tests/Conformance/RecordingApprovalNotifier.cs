using System.Collections.Concurrent;
using Baton.Agents;

namespace Baton.Functions.Tests.Conformance;

/// <summary>Records approval notifications (sent from activities, on worker threads) for the scenario driver.</summary>
internal sealed class RecordingApprovalNotifier : IApprovalNotifier
{
    private readonly ConcurrentQueue<ApprovalNotification> _notifications = new();

    public IReadOnlyList<ApprovalNotification> Notifications => [.. _notifications];

    public Task NotifyAsync(ApprovalNotification notification, CancellationToken cancellationToken)
    {
        _notifications.Enqueue(notification);
        return Task.CompletedTask;
    }
}
