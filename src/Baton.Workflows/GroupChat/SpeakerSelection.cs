namespace Baton.Workflows;

/// <summary>How a <see cref="WorkflowNames.GroupChat"/> picks who speaks next.</summary>
public enum SpeakerSelection
{
    /// <summary>The participants in turn, in the order given.</summary>
    RoundRobin,

    /// <summary>The selector agent reads the transcript and names the next speaker.</summary>
    Llm,

    /// <summary>A function registered by name with <c>services.AddGroupChatSpeakerSelector</c>.</summary>
    Custom,
}
