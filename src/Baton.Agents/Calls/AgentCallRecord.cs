namespace Baton.Agents;

/// <summary>
/// What one LLM call or one tool call of a run did, written by its activity to the <see cref="IAgentCallLedger"/> so that
/// the dashboard can show it and count its spend on both engines (Durable Functions keeps no activity inputs in history).
/// One record per (instance id, <see cref="CallKey"/>): an activity that runs twice writes once; a later success
/// replaces a failed attempt (see <see cref="Merge"/>).
/// </summary>
/// <param name="InstanceId">The run that made the call.</param>
/// <param name="CallKey">The call's key within the run (<see cref="AgentCallKeys"/>); sorts in call order.</param>
/// <param name="Kind">LLM call or tool call.</param>
/// <param name="AgentName">The agent that made (or whose model asked for) the call.</param>
/// <param name="StartedAt">When the activity started the call (UTC).</param>
public sealed record AgentCallRecord(string InstanceId, string CallKey, AgentCallKind Kind, string AgentName, DateTime StartedAt)
{
    /// <summary>The orchestration that started <see cref="InstanceId"/> as a sub-orchestration; null for a top-level run.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>When the call ended (UTC).</summary>
    public DateTime CompletedAt { get; init; }

    /// <summary>Wall time of the call, retries inside the activity included.</summary>
    public long DurationMilliseconds { get; init; }

    /// <summary>For an LLM call: the turn of the agent loop, from 1.</summary>
    public int Turn { get; init; }

    /// <summary>For an LLM call: the agent's instructions (the system message) as sent.</summary>
    public string? Instructions { get; init; }

    /// <summary>For an LLM call: the model key (configuration section) the agent uses.</summary>
    public string? ModelKey { get; init; }

    /// <summary>For an LLM call: the model that answered, as the provider names it.</summary>
    public string? Model { get; init; }

    /// <summary>For an LLM call: the provider of <see cref="ModelKey"/>.</summary>
    public ModelProvider? Provider { get; init; }

    /// <summary>For an LLM call: the Azure deployment, the OpenAI-compatible model, or "baton-offline".</summary>
    public string? Deployment { get; init; }

    /// <summary>For an LLM call: the conversation as sent (after trimming), without the instructions.</summary>
    public IReadOnlyList<AgentMessage>? Messages { get; init; }

    /// <summary>For an LLM call: messages left out to fit the input token limit.</summary>
    public int TrimmedMessages { get; init; }

    /// <summary>For an LLM call: the tool calls the model asked for.</summary>
    public IReadOnlyList<ToolCallRequest>? ToolCalls { get; init; }

    /// <summary>For an LLM call: the reply's text.</summary>
    public string? Reply { get; init; }

    /// <summary>For an LLM call of an agent with an output type: the valid JSON answer.</summary>
    public string? StructuredOutput { get; init; }

    /// <summary>For an LLM call of an agent with an output type: why the answer was not valid.</summary>
    public string? StructuredOutputError { get; init; }

    /// <summary>For an LLM call: why the model stopped.</summary>
    public string? FinishReason { get; init; }

    /// <summary>For an LLM call that answered: tokens and estimated cost.</summary>
    public AgentUsage? Usage { get; init; }

    /// <summary>
    /// For an LLM call: where its price came from: a <see cref="PriceTable"/> key, "offline" (free), or null when no price
    /// is known (its cost then reads 0 and the dashboard says the price is unknown).
    /// </summary>
    public string? PriceSource { get; init; }

    /// <summary>For a tool call: the tool.</summary>
    public string? ToolName { get; init; }

    /// <summary>For a tool call: the model's id for the call.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For a tool call: the arguments, a JSON object.</summary>
    public string? ArgumentsJson { get; init; }

    /// <summary>For a tool call that returned: the result the model saw.</summary>
    public string? Result { get; init; }

    /// <summary>For a tool call: the tool refused its input or did not exist; the model saw why in <see cref="Result"/>.</summary>
    public bool IsError { get; init; }

    /// <summary>For a tool call that needed approval: the decision that let it run.</summary>
    public ApprovalDecision? Approval { get; init; }

    /// <summary>Null when the call did its work; else the failure's type and message (the activity failed).</summary>
    public string? Error { get; init; }

    /// <summary>The failure's type, when <see cref="Error"/> is set.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Attempts recorded for this call (a failed attempt that the orchestration retried counts).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The error of the attempt before this one, when an attempt failed before.</summary>
    public string? PreviousError { get; init; }

    /// <summary>True when long texts were cut to fit the store; each cut text ends with <see cref="TruncationMarker"/>.</summary>
    public bool Truncated { get; init; }

    /// <summary>What a cut text ends with, followed by the number of characters left out.</summary>
    public const string TruncationMarker = "… [truncated by Baton: characters left out: ";

    /// <summary>True when the call failed (the activity threw).</summary>
    public bool Failed => Error is not null;

    /// <summary>
    /// What the store keeps when <paramref name="incoming"/> is written over <paramref name="stored"/>: a second write of a
    /// completed call changes nothing (activities run at least once); a failed attempt never replaces a completed one; a
    /// new attempt replaces a failed one and counts it. Returns <paramref name="stored"/> itself when nothing changes.
    /// </summary>
    public static AgentCallRecord Merge(AgentCallRecord? stored, AgentCallRecord incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (stored is null)
        {
            return incoming;
        }

        if (!stored.Failed || (incoming.Failed && incoming.StartedAt <= stored.StartedAt))
        {
            return stored;
        }

        return incoming with { Attempts = stored.Attempts + 1, PreviousError = stored.Error };
    }

    /// <summary>
    /// This record with every text over <paramref name="maxChars"/> characters cut to that length and marked, so that it
    /// fits a store's row limit; the record itself when nothing is that long.
    /// </summary>
    public AgentCallRecord Shortened(int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 64);
        var cut = false;
        string? Cut(string? text)
        {
            if (text is null || text.Length <= maxChars)
            {
                return text;
            }

            cut = true;
            return text[..maxChars] + TruncationMarker + (text.Length - maxChars).ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        }

        var shortened = this with
        {
            Instructions = Cut(Instructions),
            Reply = Cut(Reply),
            StructuredOutput = Cut(StructuredOutput),
            Result = Cut(Result),
            ArgumentsJson = Cut(ArgumentsJson),
            Messages = Messages?.Select(m => m with
            {
                Text = Cut(m.Text),
                ToolCalls = m.ToolCalls?.Select(c => c with { ArgumentsJson = Cut(c.ArgumentsJson) ?? string.Empty }).ToList(),
            }).ToList(),
            ToolCalls = ToolCalls?.Select(c => c with { ArgumentsJson = Cut(c.ArgumentsJson) ?? string.Empty }).ToList(),
        };
        return cut ? shortened with { Truncated = true } : this;
    }
}
