using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Baton.Agents.Tests.Tools;

public sealed class UrlFetchToolTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task FetchAsync_AllowedHtmlPage_ReturnsItsText()
    {
        _server.Given(Request.Create().WithPath("/docs/page")).RespondWith(Response.Create().WithHeader("Content-Type", "text/html")
            .WithBody("<html><head><style>p{}</style><script>alert(1)</script></head><body><h1>Title</h1><p>Fish &amp; chips.</p></body></html>"));
        var tool = new UrlFetchTool(new UrlFetchOptions { AllowedUrlPrefixes = [_server.Url + "/docs/"] });

        var text = await tool.FetchAsync(_server.Url + "/docs/page");

        Assert.Equal("Title\nFish & chips.", text);
    }

    [Fact]
    public async Task FetchAsync_UrlOffTheList_IsRefusedWithoutARequest()
    {
        var tool = new UrlFetchTool(new UrlFetchOptions { AllowedUrlPrefixes = [_server.Url + "/docs/"] });

        var failure = await Assert.ThrowsAsync<ToolInputException>(() => tool.FetchAsync(_server.Url + "/admin"));

        Assert.Contains("not on the allow-list", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task FetchAsync_RedirectOffTheList_IsNotFollowed()
    {
        _server.Given(Request.Create().WithPath("/docs/moved")).RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "/private/x"));
        var tool = new UrlFetchTool(new UrlFetchOptions { AllowedUrlPrefixes = [_server.Url + "/docs/"] });

        await Assert.ThrowsAsync<ToolInputException>(() => tool.FetchAsync(_server.Url + "/docs/moved"));

        Assert.Single(_server.LogEntries);
    }
}
