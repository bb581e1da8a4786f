using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Baton.Workflows;

/// <summary>
/// Posts a <see cref="TeamsReportCard"/> to <see cref="ReportAnnouncementOptions.TeamsWebhookUrl"/>; sends nothing (and
/// returns <see langword="false"/>) when no webhook is set. Every failure surfaces as a
/// <see cref="ReportAnnouncementException"/> whose message does not contain the webhook address.
/// </summary>
public sealed class TeamsReportAnnouncer(
    IHttpClientFactory httpClientFactory,
    IOptions<ReportAnnouncementOptions> options,
    ILogger<TeamsReportAnnouncer>? logger = null) : IReportAnnouncer
{
    /// <summary>The name of the <see cref="HttpClient"/> this announcer asks <see cref="IHttpClientFactory"/> for; registered with its request logging removed.</summary>
    public const string HttpClientName = "Baton.Workflows.TeamsReports";

    private readonly ILogger _logger = logger ?? NullLogger<TeamsReportAnnouncer>.Instance;

    /// <inheritdoc />
    public async Task<bool> AnnounceAsync(ReportAnnouncement announcement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.TeamsWebhookUrl))
        {
            return false;
        }

        if (!Uri.TryCreate(settings.TeamsWebhookUrl, UriKind.Absolute, out var webhook) || webhook.Scheme is not ("http" or "https"))
        {
            throw new ReportAnnouncementException($"Set {ReportAnnouncementOptions.TeamsWebhookUrlKey} to the absolute https URL of a Teams incoming webhook.");
        }

        var card = TeamsReportCard.Create(announcement, settings.ReportUrl(announcement.Path));
        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync(webhook, card, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // HttpClient's own messages may name the address; this one names only the kind of failure.
            throw new ReportAnnouncementException(
                $"The Teams webhook could not be reached ({ex.HttpRequestError}). Check {ReportAnnouncementOptions.TeamsWebhookUrlKey} and the network.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ReportAnnouncementException(
                $"The Teams webhook did not answer within {client.Timeout.TotalSeconds:0} seconds. Check {ReportAnnouncementOptions.TeamsWebhookUrlKey} and the network.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ReportAnnouncementException(
                    $"The Teams webhook answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} to the card for {announcement.Location}. " +
                    $"Check {ReportAnnouncementOptions.TeamsWebhookUrlKey}.",
                    null,
                    response.StatusCode);
            }

            Log.ReportAnnounced(_logger, announcement.InstanceId, announcement.Location, (int)response.StatusCode);
            return true;
        }
    }
}
