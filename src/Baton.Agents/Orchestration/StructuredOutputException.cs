namespace Baton.Agents;

/// <summary>An agent's answer is not valid for its output type, even after one repair attempt.</summary>
public sealed class StructuredOutputException(string agentName, string error, string? output)
    : FormatException(
        $"Agent '{agentName}' did not produce valid structured output after a repair attempt: {error} " +
        "Check that the output type is simple enough for the model, or use a stronger model.")
{
    /// <summary>The agent.</summary>
    public string AgentName { get; } = agentName;

    /// <summary>What was wrong.</summary>
    public string Error { get; } = error;

    /// <summary>The last answer's text.</summary>
    public string? Output { get; } = output;
}
