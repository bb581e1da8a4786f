using Baton.Agents;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows.Tests.Hosting;

public sealed class WorkflowBlobStorageTests
{
    [Fact]
    public void AddWorkflowBlobStorage_DevelopmentStorage_StoresAreContainersOfAzurite()
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/documents", Uri(services.GetRequiredService<IDocumentStore>()));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/reports", Uri(services.GetRequiredService<ReportStore>().Documents));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/tickets", Uri(services.GetRequiredService<TicketStore>().Documents));
    }

    [Fact]
    public void AddWorkflowBlobStorage_IdentityBasedConnection_UsesTheBlobServiceUriAndConfiguredContainer()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stbaton.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stbaton.queue.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
            ["Baton:Reports:Container"] = "weekly",
        });

        var reports = services.GetRequiredService<ReportStore>();

        Assert.Equal("https://stbaton.blob.core.windows.net/weekly", Uri(reports.Documents));
        Assert.Equal("weekly", reports.Name);
        Assert.Equal("https://stbaton.blob.core.windows.net/documents", Uri(services.GetRequiredService<IDocumentStore>()));
    }

    [Fact]
    public void AddWorkflowBlobStorage_AccountNameOnly_UsesThePublicBlobEndpoint()
    {
        using var services = Build(new() { ["AzureWebJobsStorage:accountName"] = "stbaton" });

        Assert.Equal("https://stbaton.blob.core.windows.net/tickets", Uri(services.GetRequiredService<TicketStore>().Documents));
    }

    [Fact]
    public void AddWorkflowBlobStorage_ReportsConnectionStringSet_ReportsGoThereAndTheRestToTheAppAccount()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Baton:Reports:ConnectionString"] = "DefaultEndpointsProtocol=https;AccountName=reportsacct;AccountKey=a2V5;EndpointSuffix=core.windows.net",
        });

        Assert.Equal("https://reportsacct.blob.core.windows.net/reports", Uri(services.GetRequiredService<ReportStore>().Documents));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/tickets", Uri(services.GetRequiredService<TicketStore>().Documents));
    }

    [Fact]
    public void AddWorkflowBlobStorage_NoConnection_FailsNamingTheSetting()
    {
        using var services = Build([]);

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ReportStore>());

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("blobServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBlobServiceClient_RelativeUri_FailsNamingTheSetting()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:blobServiceUri"] = "stbaton" }).Build().GetSection("Storage");

        var error = Assert.Throws<InvalidOperationException>(() => WorkflowBlobStorageExtensions.CreateBlobServiceClient(section));

        Assert.Contains("'Storage'", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddWorkflowBlobStorage(configuration);
        services.AddBatonWorkflows();
        return services.BuildServiceProvider();
    }

    private static string Uri(IDocumentStore store) => Assert.IsType<AzureBlobDocumentStore>(store).Container.Uri.AbsoluteUri;
}
