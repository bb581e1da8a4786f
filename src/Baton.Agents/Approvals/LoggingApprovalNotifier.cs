using Microsoft.Extensions.Logging;

namespace Baton.Agents;

/// <summary>The notifier used until a host registers a real one: it writes each notification to the log.</summary>
public sealed class LoggingApprovalNotifier(ILogger<LoggingApprovalNotifier> logger) : IApprovalNotifier
{
    /// <inheritdoc />
    public Task NotifyAsync(ApprovalNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Log.ApprovalNotified(
            logger,
            notification.Kind,
            notification.Request.Title,
            notification.Request.InstanceId,
            notification.Request.EventName,
            string.Join(", ", notification.Recipients));
        return Task.CompletedTask;
    }
}
