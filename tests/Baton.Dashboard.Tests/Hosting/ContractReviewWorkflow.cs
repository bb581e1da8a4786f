using Baton.Agents;
using Baton.Durable;

namespace Baton.Dashboard.Tests.Hosting;

/// <summary>
/// A workflow of the kind users write themselves: no WorkflowProgress, no custom status, one agent of its own and a
/// sub-workflow whose agent calls tools (one of which refuses its input). Its spend must come from call records.
/// </summary>
[DurableTask(Name)]
internal sealed class ContractReviewWorkflow : TaskOrchestrator<string, string>
{
    public const string Name = "test-contract-review";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var draft = await context.RunAgentAsync(ScriptedChatClient.Drafter, "Draft a contract: " + input);
        var check = await context.CallSubOrchestratorAsync<string>(ClauseCheckWorkflow.Name, draft.Text);
        return draft.Text + "\n\n" + check;
    }
}
