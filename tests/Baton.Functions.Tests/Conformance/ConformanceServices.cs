using Baton.Agents;
using Baton.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Functions.Tests.Conformance;

/// <summary>What both engines' containers share for one scenario: settings, source documents, stores and the notifier.</summary>
internal static class ConformanceServices
{
    /// <summary>The YAML workflows the app deploys (copied next to the tests, as next to the app).</summary>
    public static string WorkflowsFolder => Path.Combine(AppContext.BaseDirectory, "workflows");

    public static IConfiguration Configuration(ConformanceScenario scenario) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Baton:Approvals:SigningKey"] = "a-signing-key-of-at-least-thirty-two-bytes!",
            ["Baton:Approvals:OutboxEnabled"] = "false",
        }.Concat(scenario.Settings)).Build();

    /// <summary>Registered before the app's services: stores the app would otherwise put in blob containers.</summary>
    public static void AddStores(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration);
        services.AddSingleton<IDocumentStore>(Sources());
        services.AddSingleton(new ReportStore(new InMemoryDocumentStore()));
        services.AddSingleton(new TicketStore(new InMemoryDocumentStore()));
    }

    /// <summary>Registered after the app's services: the scenario's replacements and the recording notifier.</summary>
    public static void AddOverrides(IServiceCollection services, ConformanceScenario scenario, RecordingApprovalNotifier notifier)
    {
        services.RemoveAll<IApprovalNotifier>();
        services.AddSingleton<IApprovalNotifier>(notifier);
        ConformanceChatClients.Register(services);
        scenario.Services?.Invoke(services);
    }

    private static InMemoryDocumentStore Sources()
    {
        var sources = new InMemoryDocumentStore();
        Write(sources, "sources/pricing/2025-q3-competitors.md",
            "Competitor pricing in Q3. Northwind raised its enterprise plan price by 12 percent in July. " +
            "Contoso introduced a free tier limited to three users. Fabrikam kept prices flat but dropped annual discounts.");
        Write(sources, "sources/pricing/customer-interviews.md",
            "Customer interviews on pricing. Eight of twelve customers said annual discounts drive their renewal decision. " +
            "Two customers moved to Contoso after the free tier launched.");
        Write(sources, "sources/product/roadmap.md",
            "Product roadmap. Usage-based pricing is planned for the second half of the year, pending finance review.");
        return sources;
    }

    private static void Write(InMemoryDocumentStore store, string path, string content) =>
        store.WriteAsync(path, content).GetAwaiter().GetResult();
}
