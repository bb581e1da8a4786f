namespace Baton.Approvals;

/// <summary>Issues and checks the signed tokens carried by approval links.</summary>
public interface IApprovalTokenService
{
    /// <summary>
    /// Signs <paramref name="claims"/>: the result is the base64url (URL-safe, unpadded) JSON payload, a dot, and the
    /// base64url HMAC-SHA256 of the payload text. Safe to put in a URL path segment as is.
    /// </summary>
    string Create(ApprovalTokenClaims claims);

    /// <summary>
    /// Checks a token: shape, then signature (compared in constant time), then expiry against the service's
    /// <see cref="TimeProvider"/>. Never throws for bad input; the status says what is wrong.
    /// </summary>
    ApprovalTokenValidation Validate(string token);
}
