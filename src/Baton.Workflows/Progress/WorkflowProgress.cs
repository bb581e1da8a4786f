using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// Keeps one workflow run's <see cref="WorkflowStatus"/> and its shared <see cref="RunSpend"/>, and publishes the status
/// through <see cref="TaskOrchestrationContext.SetCustomStatus"/> at each step. Orchestration-side and deterministic.
/// <paramref name="spend"/> carries the spend of earlier executions of a run that continued as new.
/// </summary>
internal sealed class WorkflowProgress(TaskOrchestrationContext context, string workflow, RunSpend? spend = null)
{
    private WorkflowStatus _status = new(workflow, "Starting", string.Empty, spend ?? new RunSpend());

    public RunSpend Spend => _status.Spend;

    public WorkflowStatus Current => _status;

    public void Set(string state, string step, string? pendingApprovalEvent = null)
    {
        _status = _status with { State = state, Step = step, PendingApprovalEvent = pendingApprovalEvent };
        context.SetCustomStatus(_status);
    }

    public void Revised()
    {
        _status = _status with { Revisions = _status.Revisions + 1 };
    }

    /// <summary>Agent run options that share this run's spend and report each agent step inside the current state.</summary>
    public AgentRunOptions AgentOptions(RunBudget? budget = null, Func<AgentRunStatus, string>? step = null) => new()
    {
        Spend = Spend,
        Budget = budget,
        CustomStatus = agent =>
        {
            _status = _status with { Step = step?.Invoke(agent) ?? $"{agent.Agent}: {agent.Step}" };
            return _status;
        },
    };
}
