using System.Security.Cryptography;
using Baton.Agents;
using Microsoft.Extensions.Logging;

namespace Baton.Approvals;

/// <summary>
/// The <see cref="IApprovalNotifier"/> that signs one link per recipient and hands the messages to every enabled
/// <see cref="IApprovalChannel"/>. Every channel is tried; if any failed, the failures are thrown together afterwards so
/// that the activity is retried (channels tolerate repeats).
/// </summary>
public sealed class ChannelApprovalNotifier(
    IEnumerable<IApprovalChannel> channels,
    IApprovalTokenService tokens,
    IApprovalLinkBuilder links,
    ILogger<ChannelApprovalNotifier> logger) : IApprovalNotifier
{
    private readonly IApprovalChannel[] channels = [.. channels];

    /// <inheritdoc />
    public async Task NotifyAsync(ApprovalNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var request = notification.Request;
        var messages = CreateMessages(notification);
        var enabled = channels.Where(c => c.IsEnabled).ToArray();
        if (enabled.Length == 0)
        {
            Log.NoChannelEnabled(logger, notification.Kind, request.Title, request.InstanceId, request.EventName);
            return;
        }

        List<Exception>? failures = null;
        foreach (var channel in enabled)
        {
            try
            {
                await channel.SendAsync(messages, cancellationToken).ConfigureAwait(false);
                Log.ApprovalSent(logger, notification.Kind, request.Title, request.InstanceId, request.EventName, channel.Name, messages.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.ApprovalSendFailed(logger, ex, notification.Kind, request.Title, request.InstanceId, request.EventName, channel.Name);
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException(
                $"Approval '{request.Title}' could not be sent through {failures.Count} of {enabled.Length} channel(s); see the inner exceptions.",
                failures);
        }
    }

    /// <summary>One message per distinct recipient, each with its own signed link.</summary>
    public IReadOnlyList<ApprovalMessage> CreateMessages(ApprovalNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var request = notification.Request;
        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(request.ExpiresAt, DateTimeKind.Utc));
        var messages = new List<ApprovalMessage>();
        foreach (var approver in notification.Recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            var token = tokens.Create(new ApprovalTokenClaims(request.InstanceId, request.EventName, approver, expiresAt, nonce));
            messages.Add(new ApprovalMessage(notification, approver, links.Build(token)));
        }

        return messages;
    }
}
