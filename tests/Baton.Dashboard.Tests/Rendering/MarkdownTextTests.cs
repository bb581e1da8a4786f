namespace Baton.Dashboard.Tests.Rendering;

public sealed class MarkdownTextTests
{
    [Fact]
    public void ToHtml_RawHtmlAndScriptLinks_EscapedAndNeutralised()
    {
        var html = MarkdownText.ToHtml("""
            **bold** <script>alert(1)</script> <b onclick="x()">b</b>

            [a](javascript:alert(1)) [b](JaVa&#09;script:alert(1)) [c](data:text/html,hi) [d](https://example.com/x) [e](/dashboard/runs/1)

            ![img](https://tracker.example.com/p.png)
            """);

        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/x\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/runs/1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://a.example", true)]
    [InlineData("mailto:a@example.com", true)]
    [InlineData("relative/path?x=1:2", true)]
    [InlineData("#top", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" java\tscript:alert(1)", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("data:text/html,x", false)]
    public void IsSafe_Schemes_OnlyWebAndMailAndRelative(string url, bool safe) => Assert.Equal(safe, MarkdownText.IsSafe(url));
}
