using Baton.Agents;
using Baton.Durable;

namespace Contoso.Quotes;

/// <summary>
/// The clause checker agent runs over a clause with the tools of the MCP server "contracts" (configured under
/// Baton:Mcp:Servers:contracts); the output is each tool call as "name: result", then the answer.
/// </summary>
[DurableTask(Name)]
public sealed class ClauseCheckWorkflow : TaskOrchestrator<ClauseCheckRequest, IReadOnlyList<string>>
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "clause-check";

    /// <inheritdoc />
    public override async Task<IReadOnlyList<string>> RunAsync(TaskOrchestrationContext context, ClauseCheckRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = await context.RunAgentAsync(QuotesModule.ClauseChecker, $"Check this clause.\nClause: {input.Clause}", new AgentRunOptions { Approvers = ["legal@contoso.example"] });
        return [.. run.ToolCalls.Select(c => $"{c.Request.ToolName}: {c.Result.Content}"), run.Text];
    }
}
