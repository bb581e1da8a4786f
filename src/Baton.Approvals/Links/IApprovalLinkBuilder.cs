namespace Baton.Approvals;

/// <summary>Turns an approval token into the absolute link people open.</summary>
public interface IApprovalLinkBuilder
{
    /// <summary>Returns <c>{PublicBaseUrl}/api/approvals/{token}</c>, with <see cref="ApprovalOptions.PublicBaseUrl"/> from configuration.</summary>
    Uri Build(string token);
}
