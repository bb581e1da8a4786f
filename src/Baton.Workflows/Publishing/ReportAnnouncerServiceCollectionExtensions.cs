using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Baton.Workflows;

/// <summary>Registers the <see cref="IReportAnnouncer"/> that <see cref="PublishReportActivity"/> calls.</summary>
public static class ReportAnnouncerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ReportAnnouncementOptions"/> bound from <c>Baton:Teams:WebhookUrl</c> and
    /// <c>Baton:Reports:PublicBaseUrl</c>, the <see cref="TeamsReportAnnouncer.HttpClientName"/> client (30-second timeout,
    /// no request logging, since the webhook address is a secret) and, unless one is registered already, an
    /// <see cref="IReportAnnouncer"/>: the <see cref="TeamsReportAnnouncer"/> when a webhook is configured, else
    /// <see cref="NullReportAnnouncer"/>. Calling it twice has no further effect.
    /// </summary>
    public static IServiceCollection AddReportAnnouncer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<ReportAnnouncementOptions>)))
        {
            return services;
        }

        services.AddOptions<ReportAnnouncementOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            var configuration = provider.GetService<IConfiguration>();
            options.TeamsWebhookUrl ??= configuration?[ReportAnnouncementOptions.TeamsWebhookUrlKey];
            options.ReportsPublicBaseUrl ??= configuration?[ReportAnnouncementOptions.ReportsPublicBaseUrlKey];
        });
        services.AddHttpClient(TeamsReportAnnouncer.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.TryAddSingleton<IReportAnnouncer>(provider =>
            string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<ReportAnnouncementOptions>>().Value.TeamsWebhookUrl)
                ? NullReportAnnouncer.Instance
                : ActivatorUtilities.CreateInstance<TeamsReportAnnouncer>(provider));
        return services;
    }
}
