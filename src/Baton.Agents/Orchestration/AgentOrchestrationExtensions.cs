using Baton.Durable;

namespace Baton.Agents;

/// <summary>
/// The durable agent loop, for orchestration code. Each LLM call is one <see cref="AgentActivityNames.InvokeAgent"/>
/// activity and each tool call one <see cref="AgentActivityNames.InvokeTool"/> activity, so replay never calls a model
/// or a tool again. Uses only <see cref="TaskOrchestrationContext"/> and recorded results: deterministic.
/// </summary>
public static class AgentOrchestrationExtensions
{
    /// <summary>
    /// Runs an agent on <paramref name="input"/>: calls the model, runs the tool calls it asks for (those of one turn
    /// in parallel, approval-gated ones only after approval of that exact call), feeds the results back, and repeats
    /// until the model answers without tool calls. Fails with <see cref="MaxTurnsExceededException"/> after
    /// <see cref="AgentRunOptions.MaxTurns"/> calls, with <see cref="StructuredOutputException"/> when a structured answer
    /// stays invalid after one repair, and with <see cref="BudgetExceededException"/> when the budget would be exceeded
    /// and no more is approved. LLM activity failures surface as <see cref="TaskFailedException"/> after the retries of
    /// <see cref="AgentRunOptions.AgentRetry"/>.
    /// </summary>
    public static Task<AgentRunResult> RunAgentAsync(
        this TaskOrchestrationContext context,
        string agentName,
        string input,
        AgentRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentName);
        ArgumentNullException.ThrowIfNull(input);
        return new AgentLoop(context, agentName, options ?? new AgentRunOptions()).RunAsync(input);
    }

    /// <summary>
    /// Runs an agent whose definition has an output type and returns its answer as <typeparamref name="T"/>;
    /// see <see cref="RunAgentAsync(TaskOrchestrationContext, string, string, AgentRunOptions?)"/>.
    /// </summary>
    public static async Task<AgentRunResult<T>> RunAgentAsync<T>(
        this TaskOrchestrationContext context,
        string agentName,
        string input,
        AgentRunOptions? options = null)
    {
        var run = await context.RunAgentAsync(agentName, input, options);
        return new AgentRunResult<T>(run.ReadOutputAs<T>(), run);
    }
}
