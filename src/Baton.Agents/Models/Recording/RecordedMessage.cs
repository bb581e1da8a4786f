namespace Baton.Agents;

/// <summary>A message: its role and its parts.</summary>
public sealed record RecordedMessage(string Role, IReadOnlyList<RecordedContent> Contents);
