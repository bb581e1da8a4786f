namespace Baton.Approvals;

/// <summary>The outcome of <see cref="IApprovalTokenService.Validate"/>.</summary>
public enum ApprovalTokenStatus
{
    /// <summary>The signature matches and the token has not expired; the claims can be trusted.</summary>
    Valid,

    /// <summary>The text is not a token (wrong shape, bad base64url, unreadable payload).</summary>
    Malformed,

    /// <summary>The token is well formed but its signature does not match: it was altered or signed with another key.</summary>
    Tampered,

    /// <summary>The signature matches but the expiry has passed.</summary>
    Expired,
}
