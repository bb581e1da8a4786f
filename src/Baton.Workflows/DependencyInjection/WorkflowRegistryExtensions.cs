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
    /// registered already; each only when its name is not registered yet, so calling it again, or after the registrations
    /// of <c>services.AddBaton(...)</c>, adds nothing twice. Their dependencies come from <c>services.AddBatonWorkflows()</c>.
    /// </summary>
    public static DurableTaskRegistry AddBatonWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!registry.HasActivity(AgentActivityNames.InvokeAgent))
        {
            registry.AddAgentActivities();
        }

        // Each only when missing: the registrations of AddBaton (built-ins included) may have come first.
        AddOrchestrator<ResearchReportOrchestrator>(registry);
        AddOrchestrator<ParallelReviewOrchestrator>(registry);
        AddOrchestrator<SupportTriageOrchestrator>(registry);
        AddOrchestrator<DocumentSignoffOrchestrator>(registry);
        AddOrchestrator<GroupChatOrchestrator>(registry);
        AddOrchestrator<WeeklyReportOrchestrator>(registry);
        AddOrchestrator<HierarchicalOrchestrator>(registry);
        AddOrchestrator<ContractReviewWorkflow>(registry);
        AddOrchestrator<DeclarativeWorkflowOrchestrator>(registry);
        AddActivity<PublishReportActivity>(registry);
        AddActivity<CallWebhookActivity>(registry);
        return registry;
    }

    private static void AddOrchestrator<T>(DurableTaskRegistry registry)
        where T : class, ITaskOrchestrator
    {
        if (!registry.HasOrchestrator(DurableTaskRegistry.GetTaskName(typeof(T))))
        {
            registry.AddOrchestrator<T>();
        }
    }

    private static void AddActivity<T>(DurableTaskRegistry registry)
        where T : class, ITaskActivity
    {
        if (!registry.HasActivity(DurableTaskRegistry.GetTaskName(typeof(T))))
        {
            registry.AddActivity<T>();
        }
    }
}
