namespace Baton.Workflows;

/// <summary>The selector agent's structured answer.</summary>
/// <param name="Speaker">The name of the participant who should speak next, exactly as listed.</param>
/// <param name="Reason">One sentence: why that participant.</param>
public sealed record SpeakerChoice(string Speaker, string Reason);
