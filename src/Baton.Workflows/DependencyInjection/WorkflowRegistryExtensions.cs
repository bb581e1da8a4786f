using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>Registers the built-in workflows on a worker.</summary>
public static class WorkflowRegistryExtensions
{
    /// <summary>
    /// Registers the orchestrators of every <see cref="WorkflowCatalog.BuiltIn"/> workflow under its name in
    /// <see cref="WorkflowNames"/>, the generic <see cref="DeclarativeWorkflowOrchestrator"/>, the
    /// <see cref="PublishReportActivity"/> and <see cref="CallWebhookActivity"/>, and the agent activities unless they are
    /// registered already. Their dependencies come from <c>services.AddBatonWorkflows()</c>.
    /// </summary>
    public static DurableTaskRegistry AddBatonWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!registry.HasActivity(AgentActivityNames.InvokeAgent))
        {
            registry.AddAgentActivities();
        }

        return registry
            .AddOrchestrator<ResearchReportOrchestrator>()
            .AddOrchestrator<ParallelReviewOrchestrator>()
            .AddOrchestrator<SupportTriageOrchestrator>()
            .AddOrchestrator<DocumentSignoffOrchestrator>()
            .AddOrchestrator<GroupChatOrchestrator>()
            .AddOrchestrator<WeeklyReportOrchestrator>()
            .AddOrchestrator<HierarchicalOrchestrator>()
            .AddOrchestrator<ContractReviewWorkflow>()
            .AddOrchestrator<DeclarativeWorkflowOrchestrator>()
            .AddActivity<PublishReportActivity>()
            .AddActivity<CallWebhookActivity>();
    }
}
