using Baton.Agents;
using Baton.Durable;

namespace Baton.Dashboard.Tests.Hosting;

/// <summary>The sub-workflow: the checker agent, with tools.</summary>
[DurableTask(Name)]
internal sealed class ClauseCheckWorkflow : TaskOrchestrator<string, string>
{
    public const string Name = "test-clause-check";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        (await context.RunAgentAsync(ScriptedChatClient.Checker, "Check the clauses of:\n" + input)).Text;
}
