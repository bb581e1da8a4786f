using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Approvals.Tests;

public sealed class ApprovalTokenServiceTests
{
    private static readonly ApprovalTokenClaims Claims =
        new("run-42", "approval-req1", "alice@example.com", TestSetup.Now.AddDays(2), "n0nce");

    private static ApprovalTokenService Service(FakeTimeProvider? time = null, string key = TestSetup.Key) =>
        new(TestSetup.Options(key: key), time ?? new FakeTimeProvider(TestSetup.Now));

    [Fact]
    public void Validate_TokenJustCreated_IsValidWithTheSameClaims()
    {
        var service = Service();

        var result = service.Validate(service.Create(Claims));

        Assert.Equal(ApprovalTokenStatus.Valid, result.Status);
        Assert.Equal(Claims, result.Claims);
    }

    [Fact]
    public void Create_AnyClaims_IsUrlSafeWithOneDot()
    {
        var token = Service().Create(Claims with { Approver = "ünïcode+/?&=@example.com" });

        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void Validate_PayloadChanged_IsTampered()
    {
        var service = Service();
        var token = service.Create(Claims);
        var forged = service.Create(Claims with { Approver = "mallory@example.com" });
        var spliced = forged[..forged.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        var result = service.Validate(spliced);

        Assert.Equal(ApprovalTokenStatus.Tampered, result.Status);
        Assert.Null(result.Claims);
    }

    [Fact]
    public void Validate_OneSignatureCharacterChanged_IsTampered()
    {
        var token = Service().Create(Claims);
        var last = token[^2] == 'A' ? 'B' : 'A';
        var altered = token[..^2] + last + token[^1];

        Assert.Equal(ApprovalTokenStatus.Tampered, Service().Validate(altered).Status);
    }

    [Fact]
    public void Validate_SignedWithAnotherKey_IsTampered()
    {
        var token = Service(key: "another signing key that is long enough to use").Create(Claims);

        Assert.Equal(ApprovalTokenStatus.Tampered, Service().Validate(token).Status);
    }

    [Fact]
    public void Validate_AtExpiry_IsExpiredWithClaims()
    {
        var time = new FakeTimeProvider(TestSetup.Now);
        var service = Service(time);
        var token = service.Create(Claims);

        time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(ApprovalTokenStatus.Valid, service.Validate(token).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        var result = service.Validate(token);

        Assert.Equal(ApprovalTokenStatus.Expired, result.Status);
        Assert.Equal(Claims, result.Claims);
        Assert.Contains("expired", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot-here")]
    [InlineData(".sig")]
    [InlineData("payload.")]
    [InlineData("a.b.c")]
    [InlineData("pay load.sig")]
    [InlineData("cGF5bG9hZA.c2ln")]
    public void Validate_NotAToken_IsMalformedOrTampered(string text)
    {
        var result = Service().Validate(text);

        Assert.NotEqual(ApprovalTokenStatus.Valid, result.Status);
        Assert.Null(result.Claims);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public void Validate_SignedButNotJson_IsMalformed()
    {
        var options = TestSetup.Options();
        var service = new ApprovalTokenService(options, new FakeTimeProvider(TestSetup.Now));
        var payload = System.Buffers.Text.Base64Url.EncodeToString("not json"u8);
        var signature = System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(TestSetup.Key), Encoding.ASCII.GetBytes(payload));

        var result = service.Validate(payload + "." + System.Buffers.Text.Base64Url.EncodeToString(signature));

        Assert.Equal(ApprovalTokenStatus.Malformed, result.Status);
    }

    [Fact]
    public void Constructor_ShortKey_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ApprovalConfigurationException>(() => Service(key: "too short"));

        Assert.Contains("Baton:Approvals:SigningKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PlainTextKeyOf32Bytes_SignsLikeItsBytes()
    {
        const string plain = "0123456789abcdef0123456789abcdef";
        var token = Service(key: plain).Create(Claims);

        // The base64 key in TestSetup encodes the same 32 bytes.
        Assert.Equal(ApprovalTokenStatus.Valid, Service().Validate(token).Status);
    }

    [Fact]
    public void Constructor_NoKey_GeneratesOneFileAndReusesIt()
    {
        var data = Path.Combine(Path.GetTempPath(), "baton-data-" + Guid.NewGuid().ToString("N"), "nested");
        try
        {
            var options = Microsoft.Extensions.Options.Options.Create(new ApprovalOptions { DataDirectory = data });
            var first = new ApprovalTokenService(options, new FakeTimeProvider(TestSetup.Now));
            var path = Path.Combine(data, "approval-signing.key");
            Assert.True(File.Exists(path));
            var stored = File.ReadAllText(path);
            Assert.Equal(32, Convert.FromBase64String(stored).Length);

            var second = new ApprovalTokenService(options, new FakeTimeProvider(TestSetup.Now));

            Assert.Equal(ApprovalTokenStatus.Valid, second.Validate(first.Create(Claims)).Status);
            Assert.Equal(stored, File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(data)!, recursive: true);
        }
    }
}
