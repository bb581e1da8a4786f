using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Approvals;

/// <summary>Sends approval emails over SMTP with MailKit, one message per approver, on one connection per notification.</summary>
public sealed class SmtpApprovalChannel(
    IOptions<SmtpOptions> options,
    TimeProvider timeProvider,
    ILogger<SmtpApprovalChannel> logger) : IApprovalChannel
{
    /// <inheritdoc />
    public string Name => "smtp";

    /// <inheritdoc />
    public bool IsEnabled => !string.IsNullOrWhiteSpace(options.Value.Host);

    /// <inheritdoc />
    public async Task SendAsync(IReadOnlyList<ApprovalMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new ApprovalConfigurationException($"Set {SmtpOptions.SectionName}:Host to send approval emails over SMTP.");
        }

        if (messages.Count == 0)
        {
            return;
        }

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var security = settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        foreach (var message in messages)
        {
            var email = ApprovalEmail.Create(message, settings.From, timeProvider.GetUtcNow());
            await client.SendAsync(email, cancellationToken).ConfigureAwait(false);
            Log.SmtpSent(logger, message.Approver, settings.Host, settings.Port);
        }

        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}
