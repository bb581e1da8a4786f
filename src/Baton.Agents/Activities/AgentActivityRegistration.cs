using Baton.Durable;

namespace Baton.Agents;

/// <summary>Registers the agent activities on a worker.</summary>
public static class AgentActivityRegistration
{
    /// <summary>
    /// Registers <see cref="InvokeAgentActivity"/>, <see cref="InvokeToolActivity"/> and
    /// <see cref="NotifyApproversActivity"/> and <see cref="SettleApprovalActivity"/> under the names in <see cref="AgentActivityNames"/>. Their dependencies come
    /// from <c>services.AddBatonAgents(...)</c>.
    /// </summary>
    public static DurableTaskRegistry AddAgentActivities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddActivity<InvokeAgentActivity>()
            .AddActivity<InvokeToolActivity>()
            .AddActivity<NotifyApproversActivity>()
            .AddActivity<SettleApprovalActivity>();
    }

    /// <summary>Same as <see cref="AddAgentActivities"/>, for callers that prefer a plain method.</summary>
    public static void RegisterAgentActivities(DurableTaskRegistry registry) => registry.AddAgentActivities();
}
