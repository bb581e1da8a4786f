using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Approvals;

/// <summary>
/// The laptop channel: writes one .eml file per approver per request to <see cref="ApprovalOptions.OutboxDirectory"/>
/// and prints each link on <see cref="IApprovalConsole"/>. The file name is derived from instance, event, approver
/// (and reminder number), so a repeated delivery overwrites the same file.
/// </summary>
public sealed class OutboxApprovalChannel(
    IOptions<ApprovalOptions> options,
    IApprovalConsole console,
    TimeProvider timeProvider,
    ILogger<OutboxApprovalChannel> logger) : IApprovalChannel
{
    /// <inheritdoc />
    public string Name => "outbox";

    /// <inheritdoc />
    public bool IsEnabled => options.Value.OutboxEnabled;

    /// <summary>The absolute outbox folder.</summary>
    public string Directory => Path.GetFullPath(options.Value.OutboxDirectory);

    /// <inheritdoc />
    public async Task SendAsync(IReadOnlyList<ApprovalMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var directory = Directory;
        System.IO.Directory.CreateDirectory(directory);
        foreach (var message in messages)
        {
            var email = ApprovalEmail.Create(message, options.Value.OutboxFrom, timeProvider.GetUtcNow());
            var path = Path.Combine(directory, ApprovalEmail.StableId(message) + ".eml");
            var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            try
            {
                await using (var stream = File.Create(temporary))
                {
                    await email.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }

            Log.OutboxWritten(logger, message.Approver, path);
            console.WriteLine($"{ApprovalContent.Subject(message)} — for {message.Approver}: {message.Link.AbsoluteUri}");
        }
    }
}
