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
}
