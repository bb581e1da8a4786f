namespace Baton.Agents;

/// <summary>A person's decision on an approval, as a link, the inbox or an API call hands it to <see cref="ApprovalDecider"/>.</summary>
/// <param name="InstanceId">The run.</param>
/// <param name="EventName">The approval's event.</param>
/// <param name="Approver">Who decides (the link's approver, or the approver the inbox acts as).</param>
/// <param name="Approved">True to approve.</param>
/// <param name="Comment">Optional words for the record.</param>
/// <param name="Channel">How it arrives: one of <see cref="ApprovalChannels"/>.</param>
public sealed record ApprovalBallot(string InstanceId, string EventName, string Approver, bool Approved, string? Comment, string Channel)
{
    /// <summary>The approver's edit of the draft (or of a tool call's arguments, as a JSON object), where edits are allowed.</summary>
    public string? EditedText { get; init; }
}
