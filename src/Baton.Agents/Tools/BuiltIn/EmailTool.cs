using System.ComponentModel;
using System.Net.Mail;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// The <c>send_email</c> tool: requires approval (the approver sees recipients, subject and body) and is
/// side-effecting; it passes the call's idempotency key to <see cref="IEmailSender"/> so a retried activity sends once.
/// </summary>
public sealed class EmailTool(IEmailSender sender)
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "send_email";

    /// <summary>The tool, ready for a <see cref="ToolCatalog"/>.</summary>
    public AgentTool CreateTool() =>
        new(AIFunctionFactory.Create(SendAsync, ToolName, "Sends an email. A person approves every email before it is sent."), RequiresApproval: true, SideEffecting: true);

    /// <summary>Sends an email.</summary>
    public async Task<string> SendAsync(
        [Description("Recipient addresses, separated by commas")] string to,
        [Description("Subject line")] string subject,
        [Description("Plain-text body")] string body,
        AIFunctionArguments arguments,
        CancellationToken cancellationToken = default)
    {
        var call = ToolCallContext.From(arguments);
        var recipients = (to ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (recipients.Length == 0)
        {
            throw new ToolInputException("Give at least one recipient address in 'to'.");
        }

        foreach (var recipient in recipients)
        {
            if (!MailAddress.TryCreate(recipient, out _))
            {
                throw new ToolInputException($"'{recipient}' is not a valid email address.");
            }
        }

        var id = await sender.SendAsync(new EmailMessage(recipients, subject ?? string.Empty, body ?? string.Empty), call.IdempotencyKey, cancellationToken);
        return $"Email '{subject}' sent to {string.Join(", ", recipients)} (message id {id}).";
    }
}
