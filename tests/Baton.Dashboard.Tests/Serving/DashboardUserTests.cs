using System.Text;

namespace Baton.Dashboard.Tests.Serving;

public sealed class DashboardUserTests
{
    [Fact]
    public void FromHeaders_PrincipalNameHeader_NamesTheUser()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-MS-CLIENT-PRINCIPAL-NAME"] = "ann@contoso.com", ["X-MS-CLIENT-PRINCIPAL-IDP"] = "aad" };

        var user = DashboardUser.FromHeaders(name => headers.GetValueOrDefault(name));

        Assert.Equal(new DashboardUser("ann@contoso.com", "aad"), user);
    }

    [Fact]
    public void FromHeaders_OnlyThePrincipalJson_ReadsItsNameClaim()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"aud","val":"x"},{"typ":"name","val":"Bob Jones"}]}"""));

        var user = DashboardUser.FromHeaders(name => name == "X-MS-CLIENT-PRINCIPAL" ? principal : null);

        Assert.Equal(new DashboardUser("Bob Jones", "aad"), user);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64!")]
    [InlineData("eyJub3QiOiJjbGFpbXMifQ==")]
    public void FromHeaders_NoOrUnreadablePrincipal_NamesNobody(string? principal)
    {
        Assert.Null(DashboardUser.FromHeaders(name => name == "X-MS-CLIENT-PRINCIPAL" ? principal : null));
    }
}
