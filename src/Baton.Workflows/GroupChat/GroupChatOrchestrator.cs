using System.Text;
using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <see cref="WorkflowNames.GroupChat"/>: the participants take turns on a shared transcript. Before each round the next
/// speaker is picked round-robin, by the selector agent (an agent call of its own; an answer that names no participant
/// falls back to round-robin), or by a registered <see cref="GroupChatSpeakerSelector"/>. The chat ends when a message
/// ends with the termination phrase, after the maximum rounds, or when the token budget is spent, whichever comes first;
/// it never ends in the middle of a message. The transcript is the output; progress and spend are in custom status.
/// Every <see cref="GroupChatInput.RoundsPerExecution"/> rounds the chat continues as new with its transcript and spend,
/// so that its history stays short however long it runs.
/// </summary>
[DurableTask(WorkflowNames.GroupChat)]
public sealed class GroupChatOrchestrator(SpeakerSelectorCatalog selectors) : TaskOrchestrator<GroupChatInput, GroupChatOutput>
{
    // Only a message that ends with the phrase closes the chat, as participants are told; one that merely quotes it
    // (e.g. discussing when to stop) does not.
    private static readonly char[] TrailingNoise = [' ', '\t', '\r', '\n', '.', '!', '*', '"', '\''];

    /// <inheritdoc />
    public override async Task<GroupChatOutput> RunAsync(TaskOrchestrationContext context, GroupChatInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var custom = Validate(input, selectors);
        var progress = new WorkflowProgress(context, WorkflowNames.GroupChat, input.CarriedOver?.Spend);
        var agentOptions = progress.AgentOptions();
        var transcript = new List<GroupChatTurn>(input.CarriedOver?.Transcript ?? []);
        var firstRound = transcript.Count + 1;

        while (true)
        {
            var round = transcript.Count + 1;
            var selection = new SpeakerSelectionContext(input.Topic, input.Participants, transcript, round);
            string speaker;
            switch (input.SpeakerSelection)
            {
                case SpeakerSelection.Llm:
                    var selector = input.Selector ?? WorkflowAgentNames.ChatSelector;
                    progress.Set("Selecting", $"round {round}: {selector}");
                    var choice = await context.RunAgentAsync<SpeakerChoice>(selector, SelectPrompt(selection), agentOptions);
                    speaker = Match(choice.Output.Speaker, input.Participants) ?? RoundRobin(selection);
                    break;

                case SpeakerSelection.Custom:
                    speaker = Match(custom!.Select(selection), input.Participants)
                        ?? throw new InvalidOperationException(
                            $"Speaker selector '{custom.Name}' chose a speaker who is not a participant. Return one of: {string.Join(", ", input.Participants)}.");
                    break;

                default:
                    speaker = RoundRobin(selection);
                    break;
            }

            progress.Set("Discussing", $"round {round}: {speaker}");
            var message = (await context.RunAgentAsync(speaker, SpeakPrompt(selection, speaker, input.TerminationPhrase), agentOptions)).Text;
            transcript.Add(new GroupChatTurn(round, speaker, message));

            if (Ending(input, message, transcript.Count, progress.Spend.TotalTokens) is { } end)
            {
                progress.Set("Completed", $"{end} after {transcript.Count} round(s)");
                return new GroupChatOutput(input.Topic, transcript, end, progress.Spend);
            }

            if (transcript.Count - firstRound + 1 >= input.RoundsPerExecution)
            {
                // The next execution starts from a fresh history; this one's output is never read.
                progress.Set("Continuing", $"after round {transcript.Count}");
                context.ContinueAsNew(input with { CarriedOver = new GroupChatCarryOver(transcript, progress.Spend) });
                return null!;
            }
        }
    }

    /// <summary>
    /// Whether the chat ends after a message, and why: the termination phrase (at the end of the message) first, then the rounds, then the budget.
    /// Null while it goes on.
    /// </summary>
    internal static GroupChatEnd? Ending(GroupChatInput input, string message, int rounds, long tokensSpent)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!string.IsNullOrEmpty(input.TerminationPhrase) && message.TrimEnd(TrailingNoise).EndsWith(input.TerminationPhrase, StringComparison.OrdinalIgnoreCase))
        {
            return GroupChatEnd.TerminationPhrase;
        }

        if (rounds >= input.MaxRounds)
        {
            return GroupChatEnd.MaxRounds;
        }

        return input.MaxTokens is { } max && tokensSpent >= max ? GroupChatEnd.Budget : null;
    }

    /// <summary>The participant after the last speaker, in the input's order; the first one to begin.</summary>
    internal static string RoundRobin(SpeakerSelectionContext selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Transcript.Count == 0)
        {
            return selection.Participants[0];
        }

        var last = selection.Participants
            .Select((name, index) => (name, index))
            .FirstOrDefault(p => string.Equals(p.name, selection.Transcript[^1].Speaker, StringComparison.OrdinalIgnoreCase));
        return selection.Participants[(last.name is null ? 0 : last.index + 1) % selection.Participants.Count];
    }

    /// <summary>The participant a selector's answer names: exactly, else the first one whose name it contains; null when none.</summary>
    internal static string? Match(string? answer, IReadOnlyList<string> participants)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        return participants.FirstOrDefault(p => string.Equals(p, answer.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? participants.FirstOrDefault(p => answer.Contains(p, StringComparison.OrdinalIgnoreCase));
    }

    private static GroupChatSpeakerSelector? Validate(GroupChatInput? input, SpeakerSelectorCatalog selectors)
    {
        GroupChatInputValidator.Instance.ThrowIfInvalid(input);
        if (input!.SpeakerSelection != SpeakerSelection.Custom)
        {
            return null;
        }

        return selectors.TryGet(input.Selector, out var selector)
            ? selector
            : throw new WorkflowInputException(
                WorkflowNames.GroupChat,
                [
                    new(
                        "$.selector",
                        $"The {WorkflowNames.GroupChat} input asks for the custom speaker selector '{input.Selector}', which is not registered. " +
                        $"Registered: {(selectors.Names.Count == 0 ? "(none)" : string.Join(", ", selectors.Names))}. " +
                        "Register it with services.AddGroupChatSpeakerSelector(name, select)."),
                ]);
    }

    private static string SelectPrompt(SpeakerSelectionContext selection) =>
        $"Topic: {selection.Topic}\n\nParticipants: {string.Join(", ", selection.Participants)}\n\n" +
        $"Transcript so far:\n{Transcript(selection.Transcript)}\n\nWho should speak in round {selection.Round}?";

    private static string SpeakPrompt(SpeakerSelectionContext selection, string speaker, string? phrase)
    {
        var prompt = new StringBuilder()
            .Append("You are ").Append(speaker).Append(" in a group discussion with ")
            .Append(string.Join(", ", selection.Participants.Where(p => !string.Equals(p, speaker, StringComparison.OrdinalIgnoreCase))))
            .Append(".\n\nTopic: ").Append(selection.Topic)
            .Append("\n\nTranscript so far:\n").Append(Transcript(selection.Transcript))
            .Append("\n\nGive your contribution for round ").Append(selection.Round)
            .Append(": build on what was said, answer open points, and do not repeat others.");
        if (!string.IsNullOrEmpty(phrase))
        {
            prompt.Append(" When the discussion has reached its goal, end your message with ").Append(phrase).Append('.');
        }

        return prompt.ToString();
    }

    private static string Transcript(IReadOnlyList<GroupChatTurn> transcript) =>
        transcript.Count == 0 ? "(nobody has spoken yet)" : string.Join("\n\n", transcript.Select(t => $"[{t.Round}] {t.Speaker}: {t.Message}"));
}
