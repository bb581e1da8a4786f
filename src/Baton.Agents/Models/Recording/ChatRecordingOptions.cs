namespace Baton.Agents;

/// <summary>
/// Recorded model runs, bound from <c>Baton:Recording</c> (<c>Mode</c>, <c>Directory</c>) or set with
/// <see cref="AgentsBuilder.RecordModelCalls"/> and <see cref="AgentsBuilder.ReplayModelCalls"/>. Applies to every
/// model key; recordings of a key live in a subfolder named after it.
/// </summary>
public sealed class ChatRecordingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Baton:Recording";

    /// <summary>Off (default), Record or Replay.</summary>
    public ChatRecordingMode Mode { get; set; } = ChatRecordingMode.Off;

    /// <summary>The folder of the recordings, e.g. <c>tests/recordings/research-report</c>.</summary>
    public string? Directory { get; set; }
}
