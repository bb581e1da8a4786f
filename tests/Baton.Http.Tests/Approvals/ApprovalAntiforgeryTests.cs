namespace Baton.Http.Tests.Approvals;

public sealed class ApprovalAntiforgeryTests
{
    [Fact]
    public void Verify_IssuedPair_AcceptsOnlyForTheSameTokenAndCookie()
    {
        var antiforgery = ApprovalAntiforgery.FromSecret("secret");
        var (cookie, field) = antiforgery.Issue("token-a");

        Assert.True(antiforgery.Verify(cookie, field, "token-a"));
        Assert.False(antiforgery.Verify(cookie, field, "token-b"));
        Assert.False(antiforgery.Verify(cookie + "x", field, "token-a"));
        Assert.False(antiforgery.Verify(null, field, "token-a"));
        Assert.True(ApprovalAntiforgery.FromSecret("secret").Verify(cookie, field, "token-a"));
        Assert.False(ApprovalAntiforgery.FromSecret("other").Verify(cookie, field, "token-a"));
    }

    [Fact]
    public void CookieFrom_CookieHeader_FindsTheValue()
    {
        Assert.Equal("abc", ApprovalAntiforgery.CookieFrom($"x=1; {ApprovalAntiforgery.CookieName}=abc; y=2"));
        Assert.Null(ApprovalAntiforgery.CookieFrom("x=1"));
    }
}
