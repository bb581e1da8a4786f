using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Baton.Agents;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Workflows;

/// <summary>Keeps the workflows' documents, reports and tickets in blob containers of the app's storage account.</summary>
public static class WorkflowBlobStorageExtensions
{
    /// <summary>
    /// Registers a <see cref="BlobServiceClient"/> for the storage account named by the configuration entry
    /// <paramref name="connectionName"/>, read the way Azure Functions reads its connections: a connection string
    /// (<c>UseDevelopmentStorage=true</c> for Azurite), or a section with <c>blobServiceUri</c> (or <c>serviceUri</c>, or
    /// <c>accountName</c>) and optionally <c>credential</c>/<c>clientId</c> for a managed identity (Microsoft.Extensions.Azure's
    /// <see cref="AzureComponentFactory"/>; DefaultAzureCredential otherwise). The <see cref="IDocumentStore"/>, the
    /// <see cref="ReportStore"/> and the <see cref="TicketStore"/> become its containers "documents", "reports" and
    /// "tickets" (each container name overridable with <c>Baton:{Documents|Reports|Tickets}:Container</c>), except where
    /// <c>Baton:Documents:ConnectionString</c> (or the store's own <c>ConnectionString</c>) names another account. Call it
    /// before <c>AddBatonWorkflows</c>. A missing connection fails on first use with a message naming the entry.
    /// </summary>
    public static IServiceCollection AddWorkflowBlobStorage(this IServiceCollection services, IConfiguration configuration, string connectionName = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAzureClientsCore();
        services.TryAddSingleton(sp => CreateBlobServiceClient(configuration.GetSection(connectionName), sp.GetRequiredService<AzureComponentFactory>()));

        if (!Configured(configuration, "Documents"))
        {
            services.TryAddSingleton<IDocumentStore>(sp => Container(sp, configuration, "Documents", "documents"));
        }

        if (!Configured(configuration, "Documents") && !Configured(configuration, "Reports"))
        {
            services.TryAddSingleton(sp => new ReportStore(Container(sp, configuration, "Reports", ReportStore.DefaultName), configuration["Baton:Reports:Container"] ?? ReportStore.DefaultName));
        }

        if (!Configured(configuration, "Documents") && !Configured(configuration, "Tickets"))
        {
            services.TryAddSingleton(sp => new TicketStore(Container(sp, configuration, "Tickets", TicketStore.DefaultName), configuration["Baton:Tickets:Container"] ?? TicketStore.DefaultName));
        }

        return services;
    }

    /// <summary>The blob service of the connection in <paramref name="section"/>; see <see cref="AddWorkflowBlobStorage"/>.</summary>
    public static BlobServiceClient CreateBlobServiceClient(IConfigurationSection section, AzureComponentFactory? componentFactory = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        if ((section.Value ?? section["connectionString"]) is { Length: > 0 } connectionString)
        {
            return new BlobServiceClient(connectionString);
        }

        var accountName = section["accountName"];
        var uri = section["blobServiceUri"] ?? section["serviceUri"] ?? (accountName is { Length: > 0 } ? $"https://{accountName}.blob.core.windows.net" : null);
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var serviceUri))
        {
            throw new InvalidOperationException(
                $"No blob storage is configured under '{section.Path}'. Set '{section.Path}' to a connection string " +
                $"(\"UseDevelopmentStorage=true\" for Azurite), or '{section.Path}__blobServiceUri' (or '__accountName') to an absolute " +
                $"URI or account name, with '{section.Path}__credential=managedidentity' and '__clientId' for a user-assigned identity.");
        }

        TokenCredential credential = componentFactory?.CreateTokenCredential(section) ?? new DefaultAzureCredential();
        return new BlobServiceClient(serviceUri, credential);
    }

    private static bool Configured(IConfiguration configuration, string section) =>
        !string.IsNullOrWhiteSpace(configuration[$"Baton:{section}:ConnectionString"]);

    private static AzureBlobDocumentStore Container(IServiceProvider services, IConfiguration configuration, string section, string defaultName) =>
        new(services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(configuration[$"Baton:{section}:Container"] ?? defaultName));
}
