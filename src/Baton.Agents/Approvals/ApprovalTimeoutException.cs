namespace Baton.Agents;

/// <summary>Nobody decided on an approval request in time and its policy says to fail.</summary>
public sealed class ApprovalTimeoutException(ApprovalRequest request)
    : TimeoutException(
        $"Approval '{request.Title}' (event '{request.EventName}') got no decision from {string.Join(", ", request.Approvers)} " +
        $"by {request.ExpiresAt:O}. Raise the event sooner, lengthen ApprovalPolicy.Timeout, or choose another ApprovalPolicy.DefaultDecision.")
{
    /// <summary>The request that timed out.</summary>
    public ApprovalRequest Request { get; } = request;
}
