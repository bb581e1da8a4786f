namespace Baton.Agents;

/// <summary>
/// Fits a conversation into an input token budget. The instructions are always kept (they are counted, not trimmed);
/// then the latest turn; then the first user message (the task); then older turns, newest first, while they fit.
/// An assistant message asking for tools and the tool results answering it are kept or dropped together, so the
/// model never sees a result without its call. Pure and deterministic.
/// </summary>
public static class ConversationTrimmer
{
    /// <summary>
    /// The messages to send, in their original order, and how many were left out. With no budget, everything is kept.
    /// </summary>
    public static (IReadOnlyList<AgentMessage> Kept, int Trimmed) Trim(IReadOnlyList<AgentMessage> messages, int instructionTokens, int? maxInputTokens)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (maxInputTokens is not { } budget || messages.Count == 0)
        {
            return (messages, 0);
        }

        var units = Group(messages);
        var costs = units.Select(u => u.Sum(i => TokenCounter.Count(messages[i]))).ToArray();
        if (instructionTokens + costs.Sum() <= budget)
        {
            return (messages, 0);
        }

        var keep = new bool[units.Count];
        var remaining = budget - instructionTokens;

        // The latest turn always goes: without it there is nothing to answer.
        keep[^1] = true;
        remaining -= costs[^1];

        var first = units.FindIndex(u => messages[u[0]].Role == AgentMessage.UserRole);
        if (first >= 0 && !keep[first] && costs[first] <= remaining)
        {
            keep[first] = true;
            remaining -= costs[first];
        }

        for (var u = units.Count - 2; u >= 0; u--)
        {
            if (keep[u])
            {
                continue;
            }

            if (costs[u] > remaining)
            {
                break;
            }

            keep[u] = true;
            remaining -= costs[u];
        }

        var kept = new List<AgentMessage>(messages.Count);
        for (var u = 0; u < units.Count; u++)
        {
            if (keep[u])
            {
                kept.AddRange(units[u].Select(i => messages[i]));
            }
        }

        return (kept, messages.Count - kept.Count);
    }

    private static List<List<int>> Group(IReadOnlyList<AgentMessage> messages)
    {
        var units = new List<List<int>>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role == AgentMessage.ToolRole && units.Count > 0 &&
                units[^1] is var last && (messages[last[0]].ToolCalls is { Count: > 0 } || messages[last[0]].Role == AgentMessage.ToolRole))
            {
                last.Add(i);
            }
            else
            {
                units.Add([i]);
            }
        }

        return units;
    }
}
