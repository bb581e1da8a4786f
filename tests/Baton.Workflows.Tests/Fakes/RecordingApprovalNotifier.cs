using System.Collections.Concurrent;
using Baton.Agents;

namespace Baton.Workflows.Tests.Fakes;

/// <summary>Records approval notifications (from the activity, on worker threads) for tests to wait on.</summary>
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
