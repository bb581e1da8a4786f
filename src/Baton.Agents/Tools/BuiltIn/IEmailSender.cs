namespace Baton.Agents;

/// <summary>
/// Sends email. Hosts plug in SMTP or a mail API; <see cref="FileOutboxEmailSender"/> writes .eml files for laptops
/// and tests. Implementations must send at most once per idempotency key, because tool activities run at least once.
/// </summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/> unless a message with <paramref name="idempotencyKey"/> was sent already; returns its id.</summary>
    Task<string> SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken = default);
}
