namespace Baton.Agents;

/// <summary>An email to send.</summary>
/// <param name="To">Recipients.</param>
/// <param name="Subject">Subject line.</param>
/// <param name="Body">Plain-text body.</param>
public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string Body)
{
    /// <summary>Sender; the sender's configured default when null.</summary>
    public string? From { get; init; }
}
