using System.Text;
using System.Text.Json;

namespace Baton.Dashboard;

/// <summary>
/// Who App Service authentication (Easy Auth) says is signed in, from the headers it adds to every request it lets
/// through: <c>X-MS-CLIENT-PRINCIPAL-NAME</c>, or the name claim of the base64 JSON <c>X-MS-CLIENT-PRINCIPAL</c>.
/// Shown on the pages only; it grants nothing (the function key or host key does).
/// </summary>
/// <param name="Name">The user's name (usually the sign-in e-mail).</param>
/// <param name="Provider">The identity provider (e.g. <c>aad</c>), when known.</param>
public sealed record DashboardUser(string Name, string? Provider)
{
    /// <summary>The header with the signed-in user's name.</summary>
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>The header with the identity provider.</summary>
    public const string ProviderHeader = "X-MS-CLIENT-PRINCIPAL-IDP";

    /// <summary>The header with the whole principal as base64 JSON (<c>auth_typ</c>, <c>name_typ</c>, <c>claims</c>).</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The user the headers name, or null when they name none (authentication off, or an anonymous request).</summary>
    /// <param name="header">Reads a request header by name (case-insensitive), null when absent.</param>
    public static DashboardUser? FromHeaders(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var provider = header(ProviderHeader) is { Length: > 0 } idp ? idp : null;
        if (header(NameHeader) is { Length: > 0 } name)
        {
            return new DashboardUser(name.Trim(), provider);
        }

        return header(PrincipalHeader) is { Length: > 0 } principal ? FromPrincipal(principal, provider) : null;
    }

    private static DashboardUser? FromPrincipal(string base64, string? provider)
    {
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            var root = json.RootElement;
            var nameType = root.TryGetProperty("name_typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            provider ??= root.TryGetProperty("auth_typ", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            string? Claim(string? type) => type is null ? null : claims.EnumerateArray()
                .Where(c => c.TryGetProperty("typ", out var ct) && string.Equals(ct.GetString(), type, StringComparison.OrdinalIgnoreCase))
                .Select(c => c.TryGetProperty("val", out var v) ? v.GetString() : null)
                .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            var name = Claim(nameType) ?? Claim("name") ?? Claim("preferred_username")
                ?? Claim("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress");
            return name is null ? null : new DashboardUser(name, provider);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            // A header the dashboard cannot read names nobody; it never fails the page.
            return null;
        }
    }
}
