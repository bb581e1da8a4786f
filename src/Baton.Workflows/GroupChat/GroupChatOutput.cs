using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The output of <see cref="WorkflowNames.GroupChat"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Transcript">Every message, in order.</param>
/// <param name="End">Why the chat ended.</param>
/// <param name="Spend">Tokens and estimated cost of the whole run, the selector's included.</param>
public sealed record GroupChatOutput(string Topic, IReadOnlyList<GroupChatTurn> Transcript, GroupChatEnd End, RunSpend Spend);
