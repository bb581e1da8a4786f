using Baton.Approvals;

namespace Baton.Http.Tests.Fakes;

/// <summary>Tokens as readable text: "valid|instance|event|approver", "expired|...", anything else is tampered or malformed.</summary>
internal sealed class FakeTokenService : IApprovalTokenService
{
    public static readonly DateTimeOffset Expiry = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Create(ApprovalTokenClaims claims) => $"valid|{claims.InstanceId}|{claims.EventName}|{claims.Approver}";

    public ApprovalTokenValidation Validate(string token)
    {
        var parts = token.Split('|');
        if (parts.Length != 4)
        {
            return new ApprovalTokenValidation(ApprovalTokenStatus.Malformed, null, "not a token");
        }

        var claims = new ApprovalTokenClaims(parts[1], parts[2], parts[3], Expiry, "n");
        return parts[0] switch
        {
            "valid" => new ApprovalTokenValidation(ApprovalTokenStatus.Valid, claims, "ok"),
            "expired" => new ApprovalTokenValidation(ApprovalTokenStatus.Expired, claims with { ExpiresAt = Expiry.AddYears(-10) }, "expired"),
            _ => new ApprovalTokenValidation(ApprovalTokenStatus.Tampered, null, "bad signature"),
        };
    }
}
