using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Baton.Approvals;

/// <summary>
/// The HMAC-SHA256 <see cref="IApprovalTokenService"/>. Tokens are <c>base64url(json) "." base64url(hmac(base64url(json)))</c>;
/// the key comes from <see cref="ApprovalOptions.SigningKey"/> or the generated key file. Thread-safe.
/// </summary>
public sealed class ApprovalTokenService : IApprovalTokenService
{
    private const int SignatureBytes = 32;
    private const int MaxTokenLength = 4096;

    private readonly byte[] key;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the service, resolving the signing key at once so that a bad key stops start-up.</summary>
    /// <exception cref="ApprovalConfigurationException">The configured key is too short or the key file is unreadable.</exception>
    public ApprovalTokenService(IOptions<ApprovalOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        key = ApprovalSigningKey.Resolve(options.Value);
        this.timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Create(ApprovalTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentException.ThrowIfNullOrEmpty(claims.InstanceId, nameof(claims));
        ArgumentException.ThrowIfNullOrEmpty(claims.EventName, nameof(claims));
        ArgumentException.ThrowIfNullOrEmpty(claims.Approver, nameof(claims));
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new Payload(claims.InstanceId, claims.EventName, claims.Approver, claims.ExpiresAt, claims.Nonce ?? string.Empty));
        var payload = Base64Url.EncodeToString(json);
        return payload + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <inheritdoc />
    public ApprovalTokenValidation Validate(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return Malformed("The link is empty or too long to be an approval link.");
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
        {
            return Malformed("The link does not have the shape of an approval link; it may have been cut off when copied.");
        }

        var payload = token[..dot];
        var signatureText = token[(dot + 1)..];
        if (!Base64Url.IsValid(payload) || !Base64Url.IsValid(signatureText))
        {
            return Malformed("The link contains characters an approval link never has; it may have been altered when copied.");
        }

        var signature = Base64Url.DecodeFromChars(signatureText);
        var expected = Sign(payload);
        if (signature.Length != SignatureBytes || !CryptographicOperations.FixedTimeEquals(signature, expected))
        {
            return new ApprovalTokenValidation(
                ApprovalTokenStatus.Tampered,
                null,
                "The link's signature does not match: it was altered, or it was issued with another signing key.");
        }

        ApprovalTokenClaims claims;
        try
        {
            var read = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(payload));
            if (read is null || string.IsNullOrEmpty(read.InstanceId) || string.IsNullOrEmpty(read.EventName) || string.IsNullOrEmpty(read.Approver))
            {
                return Malformed("The link is signed but does not say which approval it belongs to.");
            }

            claims = new ApprovalTokenClaims(read.InstanceId, read.EventName, read.Approver, read.ExpiresAt, read.Nonce ?? string.Empty);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return Malformed("The link is signed but its content cannot be read.");
        }

        var now = timeProvider.GetUtcNow();
        if (now >= claims.ExpiresAt)
        {
            return new ApprovalTokenValidation(
                ApprovalTokenStatus.Expired,
                claims,
                $"The link expired at {claims.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        }

        return new ApprovalTokenValidation(ApprovalTokenStatus.Valid, claims, $"The link is valid until {claims.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload));

    private static ApprovalTokenValidation Malformed(string reason) => new(ApprovalTokenStatus.Malformed, null, reason);

    private sealed record Payload(
        [property: JsonPropertyName("i")] string InstanceId,
        [property: JsonPropertyName("e")] string EventName,
        [property: JsonPropertyName("a")] string Approver,
        [property: JsonPropertyName("x")] DateTimeOffset ExpiresAt,
        [property: JsonPropertyName("n")] string? Nonce);
}
