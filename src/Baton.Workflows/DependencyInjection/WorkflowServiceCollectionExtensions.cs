using Azure.Storage.Blobs;
using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Workflows;

/// <summary>Registers Baton's workflow catalog and what its workflows need.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers Baton's own workflows the way <see cref="BatonServiceCollectionExtensions.AddBaton"/> registers an
    /// application's (so the engine's registry gets them, and those added with <c>AddBaton</c>, from the options of
    /// <see cref="Baton.Durable.DurableTaskRegistry"/>), the <see cref="WorkflowCatalog"/> of every registered workflow (with the declarative workflows of <c>AddDeclarativeWorkflows</c>, when
    /// called), the agents of <see cref="WorkflowAgents.All"/> (an agent already
    /// registered under the same name is kept, so a host can replace one), the document tools, the
    /// <c>create_ticket</c> tool, the <see cref="ReportStore"/>, the <see cref="TicketStore"/> and the
    /// <see cref="SpeakerSelectorCatalog"/> (of the selectors added with <c>AddGroupChatSpeakerSelector</c>, before or after). Each store is the blob
    /// container <c>Baton:Reports:Container</c> (default "reports") or <c>Baton:Tickets:Container</c> (default "tickets")
    /// of <c>Baton:Reports:ConnectionString</c> or <c>Baton:Tickets:ConnectionString</c>, else of
    /// <c>Baton:Documents:ConnectionString</c>, else memory. Calls <c>AddBatonAgents</c>; do not add the document tools
    /// again. Calling it twice has no further effect. Register the orchestrators and activities on the worker with
    /// <see cref="WorkflowRegistryExtensions.AddBatonWorkflows"/>.
    /// </summary>
    public static IServiceCollection AddBatonWorkflows(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(WorkflowCatalog)))
        {
            return services;
        }

        // Baton's own workflows are registrations like an application's: the catalog lists what is registered.
        var baton = BatonBuilder.For(services);
        var orchestrators = BuiltInOrchestrators.ToDictionary(t => DurableTaskRegistry.GetTaskName(t).Name, StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in WorkflowCatalog.BuiltIn)
        {
            baton.AddBuiltIn(descriptor, orchestrators[descriptor.Name]);
        }

        baton.AddBuiltInTask(typeof(DeclarativeWorkflowOrchestrator))
            .AddBuiltInTask(typeof(PublishReportActivity))
            .AddBuiltInTask(typeof(CallWebhookActivity));
        services.AddSingleton(sp => new WorkflowCatalog(sp.GetRequiredService<BatonRegistrations>().Workflows, sp.GetService<DeclarativeWorkflowCatalog>()));
        var registered = services
            .Where(d => d.ServiceType == typeof(AgentDefinition) && d.ImplementationInstance is AgentDefinition)
            .Select(d => ((AgentDefinition)d.ImplementationInstance!).Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        services.AddBatonAgents(agents =>
        {
            foreach (var agent in WorkflowAgents.All.Where(a => !registered.Contains(a.Name)))
            {
                agents.AddAgent(agent);
            }

            agents.AddDocumentTools();
            agents.AddTools(sp => [new TicketTools(sp.GetRequiredService<TicketStore>(), sp.GetRequiredService<TimeProvider>()).CreateTool()]);
        });
        services.TryAddSingleton(sp => new SpeakerSelectorCatalog(sp.GetServices<GroupChatSpeakerSelector>()));
        services.AddReportAnnouncer();
        services.TryAddSingleton(sp =>
        {
            var (documents, name) = Store(sp, "Reports", ReportStore.DefaultName);
            return new ReportStore(documents, name);
        });
        services.TryAddSingleton(sp =>
        {
            var (documents, name) = Store(sp, "Tickets", TicketStore.DefaultName);
            return new TicketStore(documents, name);
        });
        return services;
    }

    // The orchestrator of each WorkflowCatalog.BuiltIn entry, matched by its [DurableTask] name.
    private static readonly Type[] BuiltInOrchestrators =
    [
        typeof(ResearchReportOrchestrator),
        typeof(ParallelReviewOrchestrator),
        typeof(SupportTriageOrchestrator),
        typeof(DocumentSignoffOrchestrator),
        typeof(GroupChatOrchestrator),
        typeof(WeeklyReportOrchestrator),
        typeof(HierarchicalOrchestrator),
        typeof(ContractReviewWorkflow),
    ];

    private static (IDocumentStore Documents, string Name) Store(IServiceProvider services, string section, string defaultContainer)
    {
        var configuration = services.GetService<IConfiguration>();
        var connection = configuration?[$"Baton:{section}:ConnectionString"] ?? configuration?["Baton:Documents:ConnectionString"];
        var container = configuration?[$"Baton:{section}:Container"] ?? defaultContainer;
        return string.IsNullOrWhiteSpace(connection)
            ? (new InMemoryDocumentStore(), container)
            : (new AzureBlobDocumentStore(new BlobContainerClient(connection, container)), container);
    }
}
