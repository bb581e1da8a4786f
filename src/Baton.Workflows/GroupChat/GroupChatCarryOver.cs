using Baton.Agents;

namespace Baton.Workflows;

/// <summary>What a group chat hands to its next execution when it continues as new.</summary>
/// <param name="Transcript">Every turn so far.</param>
/// <param name="Spend">Tokens and cost so far.</param>
public sealed record GroupChatCarryOver(IReadOnlyList<GroupChatTurn> Transcript, RunSpend Spend);
