using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Agents;

/// <summary>
/// Writes each email as an RFC 5322 .eml file in an outbox folder, named after its idempotency key, so a repeated send
/// finds the file and writes nothing. Any mail client opens the files. Thread-safe.
/// </summary>
public sealed class FileOutboxEmailSender(string outboxDirectory, string defaultFrom = "baton@localhost", TimeProvider? timeProvider = null, ILogger<FileOutboxEmailSender>? logger = null)
    : IEmailSender
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<FileOutboxEmailSender>.Instance;

    /// <summary>The folder the .eml files go to.</summary>
    public string OutboxDirectory { get; } = outboxDirectory ?? throw new ArgumentNullException(nameof(outboxDirectory));

    /// <inheritdoc />
    public async Task<string> SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        Directory.CreateDirectory(OutboxDirectory);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..24];
        var path = Path.Combine(OutboxDirectory, id + ".eml");
        if (File.Exists(path))
        {
            return id;
        }

        var builder = new StringBuilder();
        builder.Append("From: ").Append(message.From ?? defaultFrom).Append("\r\n");
        builder.Append("To: ").Append(string.Join(", ", message.To)).Append("\r\n");
        builder.Append("Subject: ").Append(EncodeHeader(message.Subject)).Append("\r\n");
        builder.Append("Date: ").Append(_time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        builder.Append("Message-ID: <").Append(id).Append("@baton>\r\n");
        builder.Append("X-Baton-Idempotency-Key: ").Append(idempotencyKey).Append("\r\n");
        builder.Append("MIME-Version: 1.0\r\n");
        builder.Append("Content-Type: text/plain; charset=utf-8\r\n");
        builder.Append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        builder.Append(message.Body.ReplaceLineEndings("\r\n")).Append("\r\n");

        // Write then move, so a crash never leaves a half-written message that would block the retry.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temporary, builder.ToString(), new UTF8Encoding(false), cancellationToken);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }

        Log.EmailWritten(_logger, message.Subject, string.Join(", ", message.To), path);
        return id;
    }

    private static string EncodeHeader(string value) =>
        value.All(c => c < 128) ? value : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";
}
