namespace Baton.Agents;

/// <summary>What an <see cref="AgentCallRecord"/> records.</summary>
public enum AgentCallKind
{
    /// <summary>One LLM call (the <see cref="AgentActivityNames.InvokeAgent"/> activity).</summary>
    Model,

    /// <summary>One tool call (the <see cref="AgentActivityNames.InvokeTool"/> activity).</summary>
    Tool,
}
