using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Agents;

/// <summary>
/// What an agent is: a name, its instructions (the system message), which model it uses, sampling options,
/// the tools it may call and, optionally, the type its final answer must have. Definitions are immutable
/// and looked up by name through <see cref="AgentCatalog"/> when an LLM activity runs, or, for an agent a workflow
/// file defines, sent with each call in <see cref="AgentCall.Definition"/> (serialized: <see cref="OutputSchema"/>
/// travels, <see cref="OutputType"/> does not).
/// </summary>
/// <param name="Name">The agent's unique name (case-insensitive), as orchestrations refer to it.</param>
/// <param name="Instructions">The system message sent first on every call; never trimmed away.</param>
/// <param name="Model">
/// The model key: selects the <c>Baton:Models:{key}</c> configuration section (provider, deployment, limits).
/// A key with no section uses the default model; with nothing configured that is the offline model.
/// </param>
public sealed record AgentDefinition(string Name, string Instructions, string Model = AgentDefinition.DefaultModel)
{
    /// <summary>The model key used when a definition names none.</summary>
    public const string DefaultModel = "default";

    /// <summary>Sampling options sent with every call.</summary>
    public AgentModelOptions Options { get; init; } = new();

    /// <summary>
    /// The tools offered to the model on every call, from the <see cref="ToolCatalog"/>: a tool's name, or
    /// <c>mcp:{server}/{tool}</c>, or <c>mcp:{server}/*</c> for every tool of an MCP server.
    /// </summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>
    /// The type of the structured final answer, or null for free text. When set, the model is asked for JSON
    /// matching the type's JSON schema and the answer is validated against the type.
    /// </summary>
    [JsonIgnore]
    public Type? OutputType { get; init; }

    /// <summary>
    /// The JSON schema of the structured final answer, for agents defined as data (a workflow file's <c>agents:</c>)
    /// rather than with a type; used only when <see cref="OutputType"/> is null. The model is asked for JSON matching it
    /// and the answer is validated against it exactly as a type's schema is (<see cref="StructuredOutputValidator"/>).
    /// </summary>
    public JsonElement? OutputSchema { get; init; }

    /// <summary>True when the final answer must be structured (<see cref="OutputType"/> or <see cref="OutputSchema"/>).</summary>
    [JsonIgnore]
    public bool HasStructuredOutput => OutputType is not null || OutputSchema is not null;

    /// <summary>A short description for people (dashboards, catalogs).</summary>
    public string? Description { get; init; }
}
