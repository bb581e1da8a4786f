using System.Text.Json;

namespace Baton.Agents;

/// <summary>A tool offered to the model.</summary>
public sealed record RecordedTool(string Name, string? Description, JsonElement Parameters);
