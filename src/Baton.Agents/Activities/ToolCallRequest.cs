namespace Baton.Agents;

/// <summary>A tool call the model asked for.</summary>
/// <param name="CallId">The model's id for the call; the tool's result refers to it.</param>
/// <param name="ToolName">The tool's name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object.</param>
public sealed record ToolCallRequest(string CallId, string ToolName, string ArgumentsJson)
{
    /// <summary>Whether the tool needs a person's approval before this call runs (from the <see cref="ToolCatalog"/>).</summary>
    public bool RequiresApproval { get; init; }

    /// <summary>Who may approve the call (from the tool); empty for the approvers of the agent run.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>Whether the tool changes the world (from the <see cref="ToolCatalog"/>).</summary>
    public bool SideEffecting { get; init; }

    /// <summary>False when the model asked for a tool that is not registered.</summary>
    public bool IsKnown { get; init; } = true;
}
