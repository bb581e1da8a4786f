using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Baton.Agents;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Baton.Approvals;

/// <summary>Registers the approvals ledger, the single-decision path and its sweep.</summary>
public static class ApprovalLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ApprovalDecider"/> (needs a <c>DurableTaskClient</c>), an <see cref="InMemoryApprovalLedger"/>
    /// unless an <see cref="IApprovalLedger"/> is registered, and the <see cref="ApprovalSweepService"/>. Options bind from
    /// <see cref="ApprovalDeciderOptions.SectionName"/> (<c>DeliveryGrace</c>, <c>SweepInterval</c>). Idempotent.
    /// </summary>
    public static IServiceCollection AddBatonApprovalLedger(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApprovalDeciderOptions>().Bind(configuration.GetSection(ApprovalDeciderOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IApprovalLedger, InMemoryApprovalLedger>();
        services.TryAddSingleton<ApprovalDecider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ApprovalSweepService>());
        return services;
    }

    /// <summary>
    /// Keeps the ledger in the Azure Table <c>{hubName}Approvals</c> of <paramref name="tableServiceClient"/>'s account
    /// (replacing any registered ledger), so that every process on the task hub shares it.
    /// </summary>
    public static IServiceCollection AddBatonApprovalTableLedger(this IServiceCollection services, Func<IServiceProvider, TableServiceClient> tableServiceClient, string hubName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tableServiceClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        services.RemoveAll<IApprovalLedger>();
        services.AddSingleton<IApprovalLedger>(sp => new AzureTableApprovalLedger(tableServiceClient(sp), hubName));
        return services;
    }

    /// <summary>
    /// Keeps the ledger in the Azure Table <c>{hubName}Approvals</c> of the storage account named by the configuration
    /// entry <paramref name="connectionName"/> (see <see cref="CreateTableServiceClient"/>), replacing any registered ledger.
    /// </summary>
    public static IServiceCollection AddBatonApprovalTableLedger(this IServiceCollection services, IConfiguration configuration, string hubName, string connectionName = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAzureClientsCore();
        return services.AddBatonApprovalTableLedger(sp => CreateTableServiceClient(configuration.GetSection(connectionName), sp.GetService<AzureComponentFactory>()), hubName);
    }

    /// <summary>
    /// The table service of the connection in <paramref name="section"/>, read the way Azure Functions reads its
    /// connections: a connection string (<c>UseDevelopmentStorage=true</c> for Azurite), or a section with
    /// <c>tableServiceUri</c> (or <c>accountName</c>) and optionally <c>credential</c>/<c>clientId</c> for a managed
    /// identity (DefaultAzureCredential otherwise).
    /// </summary>
    public static TableServiceClient CreateTableServiceClient(IConfigurationSection section, AzureComponentFactory? componentFactory = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        if ((section.Value ?? section["connectionString"]) is { Length: > 0 } connectionString)
        {
            return new TableServiceClient(connectionString);
        }

        var accountName = section["accountName"];
        var uri = section["tableServiceUri"] ?? (accountName is { Length: > 0 } ? $"https://{accountName}.table.core.windows.net" : null);
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var serviceUri))
        {
            throw new InvalidOperationException(
                $"No table storage is configured under '{section.Path}' for the approvals ledger. Set '{section.Path}' to a connection string " +
                $"(\"UseDevelopmentStorage=true\" for Azurite), or '{section.Path}__tableServiceUri' (or '__accountName') to an absolute URI or " +
                $"account name, with '{section.Path}__credential=managedidentity' and '__clientId' for a user-assigned identity.");
        }

        TokenCredential credential = componentFactory?.CreateTokenCredential(section) ?? new DefaultAzureCredential();
        return new TableServiceClient(serviceUri, credential);
    }
}
