namespace Baton.Workflows;

/// <summary>
/// A custom speaker selection, chosen by <see cref="GroupChatInput.Selector"/>. It runs inside the orchestration, on
/// every replay: it must be deterministic (decide only from its <see cref="SpeakerSelectionContext"/>, no clock, no
/// I/O, no randomness) and return one of the participants.
/// </summary>
/// <param name="Name">The name inputs refer to it by (case-insensitive).</param>
/// <param name="Select">Returns the next speaker.</param>
public sealed record GroupChatSpeakerSelector(string Name, Func<SpeakerSelectionContext, string> Select);
