namespace Baton.Approvals;

/// <summary>The result of validating an approval token.</summary>
/// <param name="Status">Whether the token is valid, and if not, why.</param>
/// <param name="Claims">
/// The claims when the signature matched (<see cref="ApprovalTokenStatus.Valid"/> or <see cref="ApprovalTokenStatus.Expired"/>);
/// null otherwise, because unsigned claims must not be trusted.
/// </param>
/// <param name="Reason">A sentence for people saying why the token was accepted or refused; never contains the token or key.</param>
public sealed record ApprovalTokenValidation(ApprovalTokenStatus Status, ApprovalTokenClaims? Claims, string Reason)
{
    /// <summary>True when <see cref="Status"/> is <see cref="ApprovalTokenStatus.Valid"/>.</summary>
    public bool IsValid => Status == ApprovalTokenStatus.Valid;
}
