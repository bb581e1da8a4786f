namespace Baton.Agents;

/// <summary>The input of the <see cref="AgentActivityNames.InvokeAgent"/> activity: one LLM call.</summary>
/// <param name="AgentName">The agent, from the <see cref="AgentCatalog"/>.</param>
/// <param name="Messages">The conversation so far, oldest first, without the instructions.</param>
/// <param name="Turn">The turn number in the agent loop, from 1.</param>
public sealed record AgentCall(string AgentName, IReadOnlyList<AgentMessage> Messages, int Turn = 1)
{
    /// <summary>
    /// The most input tokens the call may send; older turns are left out to fit, the instructions and the latest
    /// turns are kept. Null for no limit.
    /// </summary>
    public int? MaxInputTokens { get; init; }

    /// <summary>When false, no tools are offered (used for the structured-output repair call).</summary>
    public bool OfferTools { get; init; } = true;

    /// <summary>
    /// The agent's definition when it is not one of the <see cref="AgentCatalog"/>'s (an agent a workflow file
    /// defines): the activity uses it instead of looking <see cref="AgentName"/> up, so that any host runs it and a run
    /// keeps the definition it started with whatever the file says later. Null for registered agents.
    /// </summary>
    public AgentDefinition? Definition { get; init; }

    /// <summary>
    /// The key the call's <see cref="AgentCallRecord"/> is written under (<see cref="AgentCallKeys.Next"/>); null for no
    /// record (callers from before records existed).
    /// </summary>
    public string? CallKey { get; init; }

    /// <summary>The orchestration that started the calling run as a sub-orchestration, for spend roll-ups.</summary>
    public string? ParentInstanceId { get; init; }
}
