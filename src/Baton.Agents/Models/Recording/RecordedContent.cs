using System.Text.Json;

namespace Baton.Agents;

/// <summary>
/// One part of a message: text (<see cref="Text"/>), a tool call (<see cref="CallId"/>, <see cref="Name"/>,
/// <see cref="Arguments"/>) or a tool result (<see cref="CallId"/>, <see cref="Result"/>).
/// </summary>
public sealed record RecordedContent(string Type)
{
    /// <summary>For text.</summary>
    public string? Text { get; init; }

    /// <summary>For a tool call or result.</summary>
    public string? CallId { get; init; }

    /// <summary>For a tool call.</summary>
    public string? Name { get; init; }

    /// <summary>For a tool call: its arguments as a JSON object.</summary>
    public JsonElement? Arguments { get; init; }

    /// <summary>For a tool result.</summary>
    public JsonElement? Result { get; init; }
}
