using System.Text.Json;

namespace Baton.Agents;

/// <summary>A request: the messages, the tools offered, the response format and the sampling options.</summary>
/// <param name="Messages">The messages, system first.</param>
/// <param name="Tools">The tools offered: name, description and parameter schema.</param>
/// <param name="ResponseFormat">"text", "json", or the JSON schema asked for.</param>
/// <param name="Temperature">The temperature, when set.</param>
/// <param name="MaxOutputTokens">The output limit, when set.</param>
public sealed record RecordedRequest(
    IReadOnlyList<RecordedMessage> Messages,
    IReadOnlyList<RecordedTool> Tools,
    JsonElement? ResponseFormat,
    float? Temperature,
    int? MaxOutputTokens);
