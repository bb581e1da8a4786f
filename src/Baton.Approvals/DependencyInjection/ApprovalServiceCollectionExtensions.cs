using Baton.Agents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Approvals;

/// <summary>Registers approval tokens, links and channels.</summary>
public static class ApprovalServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IApprovalTokenService"/>, <see cref="IApprovalLinkBuilder"/>, <see cref="IApprovalConsole"/>, the
    /// outbox, SMTP and Teams <see cref="IApprovalChannel"/>s (each active when configured) and
    /// <see cref="ChannelApprovalNotifier"/> as the <see cref="IApprovalNotifier"/>, replacing any registered before.
    /// Options are bound from <see cref="ApprovalOptions.SectionName"/>, <see cref="SmtpOptions.SectionName"/> and
    /// <see cref="TeamsOptions.SectionName"/>. A <see cref="TimeProvider"/> is added unless one is registered.
    /// </summary>
    public static IServiceCollection AddBatonApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.SectionName));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName));
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName));
        // The webhook URL is a secret held in its path, so this client's request logging (which prints URLs) is removed.
        services.AddHttpClient(TeamsApprovalChannel.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IApprovalTokenService, ApprovalTokenService>();
        services.TryAddSingleton<IApprovalLinkBuilder, ApprovalLinkBuilder>();
        services.TryAddSingleton<IApprovalConsole, ApprovalConsole>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalChannel, OutboxApprovalChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalChannel, SmtpApprovalChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalChannel, TeamsApprovalChannel>());
        services.RemoveAll<IApprovalNotifier>();
        services.AddSingleton<IApprovalNotifier, ChannelApprovalNotifier>();
        return services;
    }
}
