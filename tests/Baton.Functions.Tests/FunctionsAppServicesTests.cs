using Baton.Agents;
using Baton.Approvals;
using Baton.Functions.Functions;
using Baton.Workflows;
using Baton.Workflows.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Functions.Tests;

/// <summary>
/// The container the Functions app runs on, built with Azure-like settings: every function class, orchestrator and
/// activity resolves, and the Azure-specific choices (blob stores, link base) hold. A missing registration would
/// otherwise only show on Azure.
/// </summary>
public sealed class FunctionsAppServicesTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging();
        services.AddBatonFunctionsApp(configuration, Path.Combine(AppContext.BaseDirectory, "workflows"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    private static Dictionary<string, string?> AzureSettings() => new()
    {
        ["AzureWebJobsStorage:blobServiceUri"] = "https://stbaton.blob.core.windows.net",
        ["AzureWebJobsStorage:queueServiceUri"] = "https://stbaton.queue.core.windows.net",
        ["AzureWebJobsStorage:tableServiceUri"] = "https://stbaton.table.core.windows.net",
        ["AzureWebJobsStorage:credential"] = "managedidentity",
        ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        ["WEBSITE_HOSTNAME"] = "func-abc123.azurewebsites.net",
        ["Baton:Approvals:SigningKey"] = "a-signing-key-of-at-least-thirty-two-bytes!",
        ["Baton:Approvals:OutboxEnabled"] = "false",
    };

    [Fact]
    public void Container_AzureSettings_KeepsApprovalsInTheHubsLedgerTableOnTheAppsAccount()
    {
        var settings = AzureSettings();
        settings["AzureFunctionsJobHost:extensions:durableTask:hubName"] = "ProdHub";
        using var services = Build(settings);

        var ledger = Assert.IsType<AzureTableApprovalLedger>(services.GetRequiredService<IApprovalLedger>());

        Assert.Equal("ProdHubApprovals", ledger.TableName);
    }

    [Fact]
    public void Container_AzureSettings_ResolvesEveryFunctionClass()
    {
        using var services = Build(AzureSettings());

        Assert.NotNull(ActivatorUtilities.CreateInstance<WorkflowStarts>(services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<ApprovalEndpoints>(services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<WorkflowActivities>(services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<WorkflowOrchestrators>(services));
    }

    [Fact]
    public void Container_AzureSettings_CreatesEveryRegisteredOrchestratorAndActivity()
    {
        using var services = Build(AzureSettings());
        var registry = services.GetRequiredService<RegisteredTaskRunner>().Registry;

        Assert.Contains(WorkflowNames.ResearchReport, registry.OrchestratorNames);
        Assert.All(registry.OrchestratorNames, name => Assert.True(registry.TryCreateOrchestrator(name, services, out _), name));
        Assert.All(registry.ActivityNames, name => Assert.True(registry.TryCreateActivity(name, services, out _), name));
        Assert.NotEmpty(services.GetRequiredService<DeclarativeWorkflowCatalog>().Descriptors);
    }

    [Fact]
    public void Container_AzureSettings_StoresAreBlobContainersAndLinksPointAtTheApp()
    {
        using var services = Build(AzureSettings());

        var reports = Assert.IsType<AzureBlobDocumentStore>(services.GetRequiredService<ReportStore>().Documents);
        Assert.Equal("https://stbaton.blob.core.windows.net/reports", reports.Container.Uri.AbsoluteUri);
        Assert.StartsWith("https://func-abc123.azurewebsites.net/api/approvals/", services.GetRequiredService<IApprovalLinkBuilder>().Build("t.s").AbsoluteUri, StringComparison.Ordinal);
        Assert.IsNotType<LoggingApprovalNotifier>(services.GetRequiredService<IApprovalNotifier>());
    }

    [Fact]
    public void Container_PublicBaseUrlSet_WinsOverTheAppHostName()
    {
        var settings = AzureSettings();
        settings["Baton:Approvals:PublicBaseUrl"] = "https://approvals.contoso.example";
        using var services = Build(settings);

        Assert.StartsWith("https://approvals.contoso.example/api/approvals/", services.GetRequiredService<IApprovalLinkBuilder>().Build("t.s").AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_NoStateFolderConfigured_KeepsLocalStateOutOfTheAppFolder()
    {
        var settings = AzureSettings();
        settings.Remove("Baton:Approvals:SigningKey");
        using var services = Build(settings);

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApprovalOptions>>().Value;

        // Core Tools runs the app from its build output and restarts the host when files appear there.
        var appFolder = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        Assert.False(Path.GetFullPath(options.DataDirectory).StartsWith(appFolder, StringComparison.Ordinal), options.DataDirectory);
        Assert.False(Path.GetFullPath(options.OutboxDirectory).StartsWith(appFolder, StringComparison.Ordinal), options.OutboxDirectory);
        Assert.Equal(".baton", Path.GetFileName(options.DataDirectory));
    }

    [Fact]
    public void Container_StateFolderConfigured_IsKept()
    {
        var settings = AzureSettings();
        settings["Baton:Approvals:DataDirectory"] = "/var/baton";
        using var services = Build(settings);

        Assert.Equal("/var/baton", services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApprovalOptions>>().Value.DataDirectory);
    }
}
