using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// A tool agents may call: a function described to the model (name, description, JSON schema of its arguments)
/// and how carefully it must be run.
/// </summary>
/// <param name="Function">The function; its <see cref="AITool.Name"/> is the tool's name.</param>
/// <param name="RequiresApproval">
/// When true, the agent loop runs a call only after a person approved that exact call (tool name and arguments);
/// a rejection is given to the model as the tool's result.
/// </param>
/// <param name="SideEffecting">
/// When true, the tool changes the world. Tool activities run at least once, so such a tool must use
/// <see cref="ToolCallContext.IdempotencyKey"/> to do its effect at most once.
/// </param>
public sealed record AgentTool(AIFunction Function, bool RequiresApproval = false, bool SideEffecting = false)
{
    /// <summary>The tool's name, as the model calls it.</summary>
    public string Name => Function.Name;

    /// <summary>
    /// Who may approve a call when <see cref="RequiresApproval"/> is set; empty for the approvers of the agent run
    /// (<see cref="AgentRunOptions.Approvers"/>).
    /// </summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];
}
