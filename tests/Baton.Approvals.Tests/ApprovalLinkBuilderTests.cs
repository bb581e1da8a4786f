using Microsoft.Extensions.Options;

namespace Baton.Approvals.Tests;

public sealed class ApprovalLinkBuilderTests
{
    [Theory]
    [InlineData("http://localhost:7071", "http://localhost:7071/api/approvals/abc.def")]
    [InlineData("https://baton.example.com/", "https://baton.example.com/api/approvals/abc.def")]
    [InlineData("https://example.com/baton", "https://example.com/baton/api/approvals/abc.def")]
    public void Build_Token_IsUnderApiApprovals(string baseUrl, string expected)
    {
        var builder = new ApprovalLinkBuilder(Options.Create(new ApprovalOptions { PublicBaseUrl = baseUrl }));

        Assert.Equal(expected, builder.Build("abc.def").AbsoluteUri);
    }

    [Fact]
    public void Build_DefaultOptions_UsesLocalhost7071()
    {
        var builder = new ApprovalLinkBuilder(Options.Create(new ApprovalOptions()));

        Assert.Equal("http://localhost:7071/api/approvals/t.s", builder.Build("t.s").AbsoluteUri);
    }

    [Fact]
    public void Constructor_RelativeBaseUrl_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ApprovalConfigurationException>(() => new ApprovalLinkBuilder(Options.Create(new ApprovalOptions { PublicBaseUrl = "baton.local" })));

        Assert.Contains("PublicBaseUrl", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("func-abc123.azurewebsites.net", "https://func-abc123.azurewebsites.net/api/approvals/t.s")]
    [InlineData("localhost:7071", "http://localhost:7071/api/approvals/t.s")]
    [InlineData(" 127.0.0.1:7072/ ", "http://127.0.0.1:7072/api/approvals/t.s")]
    public void BaseUrlForHostName_AppServiceHostName_LinksPointAtTheApp(string hostName, string expected)
    {
        var baseUrl = ApprovalOptions.BaseUrlForHostName(hostName)!;
        var builder = new ApprovalLinkBuilder(Options.Create(new ApprovalOptions { PublicBaseUrl = baseUrl }));

        Assert.Equal(expected, builder.Build("t.s").AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void BaseUrlForHostName_NoHostName_Null(string? hostName) =>
        Assert.Null(ApprovalOptions.BaseUrlForHostName(hostName));
}
