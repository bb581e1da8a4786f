using System.ComponentModel.DataAnnotations;
namespace Baton.Workflows;

/// <summary>The input of <see cref="WorkflowNames.GroupChat"/>.</summary>
/// <param name="Topic">What the participants discuss and what the discussion should produce.</param>
/// <param name="Participants">The agents taking part, by name; at least two, each registered in the agent catalog.</param>
public sealed record GroupChatInput([MinLength(1)] string Topic, [MinLength(2)] IReadOnlyList<string> Participants)
{
    /// <summary>How the next speaker is picked. Default round-robin.</summary>
    public SpeakerSelection SpeakerSelection { get; init; } = SpeakerSelection.RoundRobin;

    /// <summary>
    /// With <see cref="SpeakerSelection.Custom"/>, the registered selector's name; with <see cref="SpeakerSelection.Llm"/>,
    /// the selector agent (<see cref="WorkflowAgentNames.ChatSelector"/> when null).
    /// </summary>
    public string? Selector { get; init; }

    /// <summary>The most messages, all participants together. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxRounds { get; init; } = 10;

    /// <summary>A message ending with this (case-insensitive, trailing punctuation ignored) ends the chat; none when null or empty. Default "TERMINATE".</summary>
    public string? TerminationPhrase { get; init; } = "TERMINATE";

    /// <summary>The chat ends once this many tokens (input and output, the selector's included) are spent; no limit when null.</summary>
    [Range(1, long.MaxValue)]
    public long? MaxTokens { get; init; }

    /// <summary>
    /// Rounds one execution runs before the chat continues as new with its transcript so far, so that a long chat's
    /// history (replayed on every step) stays short. Default 20.
    /// </summary>
    [Range(1, 100)]
    public int RoundsPerExecution { get; init; } = 20;

    /// <summary>The transcript and spend of the executions before this one; set by the chat when it continues as new. Leave it out.</summary>
    public GroupChatCarryOver? CarriedOver { get; init; }
}
