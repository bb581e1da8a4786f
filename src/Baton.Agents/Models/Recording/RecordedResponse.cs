namespace Baton.Agents;

/// <summary>A response: its messages, the model that answered, why it stopped, and the tokens used.</summary>
public sealed record RecordedResponse(
    IReadOnlyList<RecordedMessage> Messages,
    string? ModelId,
    string? FinishReason,
    string? ResponseId,
    long? InputTokens,
    long? OutputTokens);
