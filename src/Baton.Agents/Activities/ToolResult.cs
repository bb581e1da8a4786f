namespace Baton.Agents;

/// <summary>The output of the <see cref="AgentActivityNames.InvokeTool"/> activity, fed back to the model.</summary>
/// <param name="CallId">The model's id for the call.</param>
/// <param name="ToolName">The tool's name.</param>
/// <param name="Content">The result as text (JSON for structured results).</param>
/// <param name="IsError">True when the tool refused its input, or was rejected or unknown; the model sees why in <paramref name="Content"/>.</param>
public sealed record ToolResult(string CallId, string ToolName, string Content, bool IsError = false)
{
    /// <summary>True when a person rejected the call, so the tool did not run.</summary>
    public bool Rejected { get; init; }

    /// <summary>The key of the call's <see cref="AgentCallRecord"/>, when one was written.</summary>
    public string? CallKey { get; init; }
}
