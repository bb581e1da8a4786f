namespace Baton.Workflows;

/// <summary>One message of a group chat's transcript.</summary>
/// <param name="Round">The round, from 1; each round is one participant's message.</param>
/// <param name="Speaker">The participant (agent name) who spoke.</param>
/// <param name="Message">What it said.</param>
public sealed record GroupChatTurn(int Round, string Speaker, string Message);
