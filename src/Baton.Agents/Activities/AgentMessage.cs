namespace Baton.Agents;

/// <summary>
/// One message of a conversation, in a form history can store: a user or assistant text, an assistant's
/// tool-call requests, or a tool's result.
/// </summary>
/// <param name="Role">"user", "assistant" or "tool" (the instructions are added by the LLM activity).</param>
/// <param name="Text">The text; for a tool message, the tool's result.</param>
public sealed record AgentMessage(string Role, string? Text)
{
    /// <summary>The user role.</summary>
    public const string UserRole = "user";

    /// <summary>The assistant (model) role.</summary>
    public const string AssistantRole = "assistant";

    /// <summary>The tool-result role.</summary>
    public const string ToolRole = "tool";

    /// <summary>For an assistant message: the tool calls it asked for.</summary>
    public IReadOnlyList<ToolCallRequest>? ToolCalls { get; init; }

    /// <summary>For a tool message: the id of the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For a tool message: the tool's name.</summary>
    public string? ToolName { get; init; }

    /// <summary>A user message.</summary>
    public static AgentMessage User(string text) => new(UserRole, text);

    /// <summary>An assistant text message.</summary>
    public static AgentMessage Assistant(string? text) => new(AssistantRole, text);

    /// <summary>An assistant message asking for tool calls.</summary>
    public static AgentMessage AssistantToolCalls(string? text, IReadOnlyList<ToolCallRequest> calls) =>
        new(AssistantRole, text) { ToolCalls = calls };

    /// <summary>A tool's result for the call <paramref name="callId"/>.</summary>
    public static AgentMessage ToolResult(string callId, string toolName, string result) =>
        new(ToolRole, result) { ToolCallId = callId, ToolName = toolName };
}
