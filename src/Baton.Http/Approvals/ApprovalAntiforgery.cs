using System.Security.Cryptography;
using System.Text;

namespace Baton.Http;

/// <summary>
/// The anti-forgery check of approval forms (double submit): the page sets a random value in an HttpOnly, SameSite
/// cookie and puts HMAC(key, value + token) in a hidden field; a form POST is accepted only when both match. JSON
/// POSTs need no such check, since browsers cannot send them cross-site without the site's consent. Thread-safe.
/// </summary>
public sealed class ApprovalAntiforgery
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "baton-approval-af";

    /// <summary>The hidden form field's name.</summary>
    public const string FieldName = "__antiforgery";

    private readonly byte[] _key;

    /// <summary>Creates the check with <paramref name="key"/> (32 random bytes when null: forms then last as long as the process).</summary>
    public ApprovalAntiforgery(byte[]? key = null)
    {
        _key = key is { Length: > 0 } ? [.. key] : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>Derives the key from a configured secret (e.g. the approval signing key), so every process of a host agrees.</summary>
    public static ApprovalAntiforgery FromSecret(string? secret) =>
        string.IsNullOrWhiteSpace(secret)
            ? new ApprovalAntiforgery()
            : new ApprovalAntiforgery(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "baton-approval-antiforgery"u8));

    /// <summary>A new cookie value and the matching field value for <paramref name="token"/>.</summary>
    public (string Cookie, string Field) Issue(string token)
    {
        var cookie = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        return (cookie, FieldFor(cookie, token));
    }

    /// <summary>The Set-Cookie header value for <paramref name="cookie"/>.</summary>
    public static string SetCookieHeader(string cookie) => $"{CookieName}={cookie}; Path=/api/approvals; HttpOnly; SameSite=Strict";

    /// <summary>True when <paramref name="field"/> was issued with <paramref name="cookie"/> for <paramref name="token"/>.</summary>
    public bool Verify(string? cookie, string? field, string token)
    {
        if (string.IsNullOrEmpty(cookie) || string.IsNullOrEmpty(field))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(FieldFor(cookie, token)), Encoding.ASCII.GetBytes(field));
    }

    /// <summary>The value of the anti-forgery cookie in a Cookie header, or null.</summary>
    public static string? CookieFrom(string? cookieHeader)
    {
        foreach (var part in (cookieHeader ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq] == CookieName)
            {
                return part[(eq + 1)..];
            }
        }

        return null;
    }

    private string FieldFor(string cookie, string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(cookie + "|" + token)));
}
