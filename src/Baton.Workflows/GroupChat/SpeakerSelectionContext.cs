namespace Baton.Workflows;

/// <summary>What a custom speaker selector sees: the topic, the participants and the transcript so far.</summary>
/// <param name="Topic">The chat's topic.</param>
/// <param name="Participants">The participants, in the input's order.</param>
/// <param name="Transcript">Every message so far, in order.</param>
/// <param name="Round">The round about to be spoken, from 1.</param>
public sealed record SpeakerSelectionContext(string Topic, IReadOnlyList<string> Participants, IReadOnlyList<GroupChatTurn> Transcript, int Round);
