namespace Baton.Agents;

/// <summary>A decision on an <see cref="ApprovalRequest"/>, raised as the request's event.</summary>
/// <param name="Approved">True to approve.</param>
/// <param name="Approver">Who decided (or "policy:timeout" when the default applied).</param>
/// <param name="Comment">Optional words for the record; on a rejection they reach the model.</param>
/// <param name="DecidedAt">When it was decided (UTC).</param>
public sealed record ApprovalDecision(bool Approved, string Approver, string? Comment, DateTime DecidedAt)
{
    /// <summary>The approver name used when nobody decided before the timeout and the policy's default applied.</summary>
    public const string TimeoutApprover = "policy:timeout";

    /// <summary>True when nobody decided in time and this is the policy's default.</summary>
    public bool IsDefault { get; init; }

    /// <summary>The ledger's id of this decision; the run accepts a decision whose id the ledger holds as the winner.</summary>
    public string? DecisionId { get; init; }

    /// <summary>How the decision arrived: one of <see cref="ApprovalChannels"/>.</summary>
    public string? Channel { get; init; }

    /// <summary>
    /// The approver's edit of the draft (or of a tool call's arguments, as JSON), where the request allows edits; null
    /// when nothing was edited. The workflow uses it instead of what it asked about.
    /// </summary>
    public string? EditedText { get; init; }

    /// <summary>
    /// True for an explicit override through the management API: accepted from someone not on the approver list, and
    /// shown as an override in the audit trail.
    /// </summary>
    public bool IsOverride { get; init; }
}
