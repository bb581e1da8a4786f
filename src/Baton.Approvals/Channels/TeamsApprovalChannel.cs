using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Approvals;

/// <summary>Posts one Adaptive Card per approver to <see cref="TeamsOptions.WebhookUrl"/>.</summary>
public sealed class TeamsApprovalChannel(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    ILogger<TeamsApprovalChannel> logger) : IApprovalChannel
{
    /// <summary>The name of the <see cref="HttpClient"/> this channel asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "Baton.Approvals.Teams";

    /// <inheritdoc />
    public string Name => "teams";

    /// <inheritdoc />
    public bool IsEnabled => !string.IsNullOrWhiteSpace(options.Value.WebhookUrl);

    /// <inheritdoc />
    public async Task SendAsync(IReadOnlyList<ApprovalMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!Uri.TryCreate(options.Value.WebhookUrl, UriKind.Absolute, out var webhook))
        {
            throw new ApprovalConfigurationException($"Set {TeamsOptions.SectionName}:WebhookUrl to the absolute URL of a Teams incoming webhook.");
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        foreach (var message in messages)
        {
            using var response = await client.PostAsJsonAsync(webhook, TeamsApprovalCard.Create(message), cancellationToken).ConfigureAwait(false);
            Log.TeamsPosted(logger, message.Approver, (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                // The webhook URL is a secret: the message names the status, not the address.
                throw new HttpRequestException(
                    $"The Teams webhook answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} to the approval card for {message.Approver}. " +
                    $"Check {TeamsOptions.SectionName}:WebhookUrl.",
                    null,
                    response.StatusCode);
            }
        }
    }
}
