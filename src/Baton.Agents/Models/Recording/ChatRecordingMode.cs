namespace Baton.Agents;

/// <summary>What a <see cref="RecordingChatClient"/> does with model calls.</summary>
public enum ChatRecordingMode
{
    /// <summary>Calls go to the model; nothing is recorded.</summary>
    Off,

    /// <summary>Calls go to the model, and each request with its response is written to the recording folder.</summary>
    Record,

    /// <summary>
    /// Calls are answered from the recording folder only; the model is never called, and a request with no recording
    /// fails with <see cref="RecordedResponseNotFoundException"/>.
    /// </summary>
    Replay,
}
