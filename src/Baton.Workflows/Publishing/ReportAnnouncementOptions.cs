namespace Baton.Workflows;

/// <summary>
/// Where published reports are announced, bound from <c>Baton:Teams:WebhookUrl</c> (the same webhook approval cards use)
/// and <c>Baton:Reports:PublicBaseUrl</c>.
/// </summary>
public sealed class ReportAnnouncementOptions
{
    /// <summary>The configuration key of <see cref="TeamsWebhookUrl"/>.</summary>
    public const string TeamsWebhookUrlKey = "Baton:Teams:WebhookUrl";

    /// <summary>The configuration key of <see cref="ReportsPublicBaseUrl"/>.</summary>
    public const string ReportsPublicBaseUrlKey = "Baton:Reports:PublicBaseUrl";

    /// <summary>The Teams incoming-webhook URL that accepts a message with an Adaptive Card attachment; empty turns announcements off. Never logged.</summary>
    public string? TeamsWebhookUrl { get; set; }

    /// <summary>
    /// The absolute URL under which the reports store's documents can be opened (a public or SAS-fronted container, or a
    /// site serving it); a report's link is this URL followed by its path. Empty: cards show the location as text only.
    /// </summary>
    public string? ReportsPublicBaseUrl { get; set; }

    /// <summary>The link to the report at <paramref name="path"/>, or <see langword="null"/> when no absolute <see cref="ReportsPublicBaseUrl"/> is set.</summary>
    public Uri? ReportUrl(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(ReportsPublicBaseUrl)
            || !Uri.TryCreate(ReportsPublicBaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root)
            || root.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var escaped = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));
        return new Uri(root, escaped);
    }
}
