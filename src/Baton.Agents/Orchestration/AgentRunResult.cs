using System.Text.Json;

namespace Baton.Agents;

/// <summary>The outcome of an agent run: the final answer, the usage, the turns and the tool calls it made.</summary>
/// <param name="AgentName">The agent.</param>
/// <param name="Text">The final answer's text.</param>
/// <param name="Usage">Tokens and estimated cost of this run's LLM calls.</param>
/// <param name="Turns">LLM calls made (a structured-output repair counts).</param>
/// <param name="ToolCalls">Every tool call handled, in order.</param>
/// <param name="Messages">The whole conversation, final answer included.</param>
public sealed record AgentRunResult(
    string AgentName,
    string Text,
    AgentUsage Usage,
    int Turns,
    IReadOnlyList<ToolCallRecord> ToolCalls,
    IReadOnlyList<AgentMessage> Messages)
{
    /// <summary>The validated structured answer as JSON, for an agent with an output type.</summary>
    public string? StructuredOutput { get; init; }

    /// <summary>The model that gave the final answer.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>The final reply's finish reason.</summary>
    public string FinishReason { get; init; } = string.Empty;

    /// <summary>The structured answer as <typeparamref name="T"/>; throws when the agent had none.</summary>
    public T ReadOutputAs<T>() =>
        StructuredOutput is null
            ? throw new InvalidOperationException($"Agent '{AgentName}' gave no structured output. Give its AgentDefinition an OutputType.")
            : JsonSerializer.Deserialize<T>(StructuredOutput, StructuredOutputValidator.SerializerOptions)
              ?? throw new StructuredOutputException(AgentName, $"The structured output is null, not a {typeof(T).Name}.", StructuredOutput);
}
