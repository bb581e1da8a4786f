namespace Baton.Workflows;

/// <summary>Why a group chat ended.</summary>
public enum GroupChatEnd
{
    /// <summary>A participant said the termination phrase.</summary>
    TerminationPhrase,

    /// <summary>The maximum number of rounds was reached.</summary>
    MaxRounds,

    /// <summary>The token budget was spent.</summary>
    Budget,
}
