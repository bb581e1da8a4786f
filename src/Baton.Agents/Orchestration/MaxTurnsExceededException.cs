namespace Baton.Agents;

/// <summary>An agent asked for tools on every turn and never gave a final answer within the allowed turns.</summary>
public sealed class MaxTurnsExceededException(string agentName, int maxTurns)
    : InvalidOperationException(
        $"Agent '{agentName}' gave no final answer within {maxTurns} turns (it asked for tool calls every time). " +
        "Raise AgentRunOptions.MaxTurns, or make the instructions say when to stop calling tools.")
{
    /// <summary>The agent.</summary>
    public string AgentName { get; } = agentName;

    /// <summary>The limit that was reached.</summary>
    public int MaxTurns { get; } = maxTurns;
}
