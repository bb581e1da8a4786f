namespace Baton.Approvals;

/// <summary>Approval link and outbox settings, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class ApprovalOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Baton:Approvals";

    /// <summary>
    /// The HMAC key that signs approval tokens: base64 of at least 32 bytes, or plain text of at least 32 bytes.
    /// When empty, a random key is generated once and kept in <c>{DataDirectory}/approval-signing.key</c>.
    /// Never logged.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The base of approval links, as people reach the host; links are <c>{PublicBaseUrl}/api/approvals/{token}</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>Where local state (the generated signing key) is kept; relative paths are resolved against the current directory.</summary>
    public string DataDirectory { get; set; } = ".baton";

    /// <summary>Where the outbox channel writes one .eml file per approver per request.</summary>
    public string OutboxDirectory { get; set; } = ".baton/outbox";

    /// <summary>True (the default) to write approval emails to <see cref="OutboxDirectory"/> and the links to the console.</summary>
    public bool OutboxEnabled { get; set; } = true;

    /// <summary>The sender shown on outbox emails when no SMTP sender is configured.</summary>
    public string OutboxFrom { get; set; } = "Baton <baton@localhost>";

    /// <summary>
    /// The link base of an app on Azure Functions or App Service, from the platform's <c>WEBSITE_HOSTNAME</c>: https for
    /// the app's public host name, http for the <c>localhost</c> name that Core Tools set; null when the name is empty.
    /// </summary>
    public static string? BaseUrlForHostName(string? websiteHostName)
    {
        var host = websiteHostName?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        var local = host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.0.0.1", StringComparison.Ordinal);
        return (local ? "http://" : "https://") + host;
    }
}
