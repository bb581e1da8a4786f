using Baton.Testing;
using Baton.Dashboard.Tests.Hosting;
using Baton.Durable;
using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>The runs list, the look (dark mode, phone width) and key handling, in headless Chromium on the local host.</summary>
public sealed class RunsListBrowserTests
{
    private const float Wait = 30_000;

    // The pages move with the history API (the key stays out of every URL): wait for the address itself.
    private static readonly PageWaitForFunctionOptions Address = new() { Timeout = 30_000 };

    [Fact]
    public async Task RunsList_SearchSeveralStatusesAndNesting_FindRunsAndNestSubWorkflowsWithTheKeyOutOfEveryUrl()
    {
        await using var app = await DashboardTestApp.StartAsync();
        await app.StartWeeklyAsync("weekly-1");
        await app.CompletionAsync(await app.StartReviewAsync("review-a"));
        await app.CompletionAsync(await app.StartReviewAsync("review-b"));
        await app.AwaitingApprovalAsync("weekly-1:report");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = app.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.Url("/dashboard"));
        var urlAfterOpen = page.Url;
        await page.FillAsync("#filter-id", "review-");
        await page.ClickAsync("#run-filters button[type=submit]");
        await page.WaitForFunctionAsync("() => location.search.includes('q=review-')", null, Address);
        var searched = await DashboardBrowserTests.RowIdsAsync(page);
        await page.ClickAsync("#filter-clear");
        await page.WaitForFunctionAsync("() => !location.search.includes('q=')", null, Address);
        await page.CheckAsync("#filter-status input[value=Running]");
        await page.CheckAsync("#filter-status input[value=Suspended]");
        await page.ClickAsync("#run-filters button[type=submit]");
        await page.WaitForFunctionAsync("() => location.search.includes('status=Suspended')", null, Address);
        var running = await DashboardBrowserTests.RowIdsAsync(page);
        var child = page.Locator("#runs-table tr[data-instance-id='weekly-1:report']");
        var childParent = await child.GetAttributeAsync("data-parent-id");
        var childTokens = await child.Locator("td.tokens").InnerTextAsync();
        var parentTokens = await page.Locator("#runs-table tr[data-instance-id='weekly-1'] td.tokens").InnerTextAsync();
        var fullId = await child.Locator("a.run-link").InnerTextAsync();
        await child.Locator("button.copy").ClickAsync();
        // The list refreshes itself every second, so the button's own mark may be gone: read the clipboard.
        await page.WaitForFunctionAsync("async () => (await navigator.clipboard.readText()) === 'weekly-1:report'", null, new() { Timeout = Wait });
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Directory.CreateDirectory(DashboardBrowserTests.ArtifactsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardBrowserTests.ArtifactsDirectory, "runs-nested.png"), FullPage = true });
        await page.ClickAsync("#nav-approvals");
        await page.Locator("#nav-approvals.active").WaitForAsync(new() { Timeout = Wait });
        var approvalsUrl = page.Url;
        var pending = await page.Locator("#pending-table tr[data-instance-id='weekly-1:report']").CountAsync();
        await page.GoBackAsync();
        await page.Locator("#nav-runs.active").WaitForAsync(new() { Timeout = Wait });
        var refreshed = await page.Locator("#runs[data-refresh-count]").WaitForAsync(new() { Timeout = Wait }).ContinueWith(_ => true);

        Assert.DoesNotContain("code=", urlAfterOpen, StringComparison.Ordinal);
        Assert.Equal(["review-a", "review-b"], searched.Order(StringComparer.Ordinal));
        Assert.Equal(["weekly-1", "weekly-1:report"], running);
        Assert.Equal("weekly-1", childParent);
        Assert.StartsWith(childTokens, parentTokens, StringComparison.Ordinal);
        Assert.Contains("incl. 1 sub-workflow", parentTokens, StringComparison.Ordinal);
        Assert.NotEqual("–", childTokens);
        Assert.Equal("weekly-1:report", fullId);
        Assert.Equal("weekly-1:report", copied);
        Assert.EndsWith("/dashboard/approvals", approvalsUrl, StringComparison.Ordinal);
        Assert.Equal(1, pending);
        Assert.True(refreshed);
    }

    [Fact]
    public async Task RunsList_RestartAndBulkPurge_AskFirstThenAct()
    {
        await using var app = await DashboardTestApp.StartAsync();
        await app.CompletionAsync(await app.StartReviewAsync("review-a"));
        await app.CompletionAsync(await app.StartReviewAsync("review-b"));
        await app.AwaitingApprovalAsync(await app.StartResearchAsync("research-1"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };

        await page.GotoAsync(app.Url("/dashboard?q=review-"));
        await page.ClickAsync("#runs-table tr[data-instance-id='review-a'] button[data-action=restart]");
        await page.WaitForFunctionAsync("() => location.pathname.startsWith('/dashboard/runs/') && !location.pathname.endsWith('/review-a')", null, Address);
        var newId = Uri.UnescapeDataString(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        var restarted = await app.CompletionAsync(newId);
        var original = await app.Client.GetInstanceAsync("review-a", getInputsAndOutputs: true);

        await page.GotoAsync(app.Url("/dashboard?q=review-&status=Completed"));
        await page.ClickAsync("#purge-count");
        await page.Locator("#purge-confirm:not([hidden])").WaitForAsync(new() { Timeout = Wait });
        var summary = await page.Locator("#purge-summary").InnerTextAsync();
        await page.ClickAsync("#purge-cancel");
        var afterCancel = await app.Client.GetInstanceAsync("review-a");
        await page.ClickAsync("#purge-count");
        await page.Locator("#purge-confirm:not([hidden])").WaitForAsync(new() { Timeout = Wait });
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardBrowserTests.ArtifactsDirectory, "runs-purge-confirm.png"), FullPage = true });
        await page.ClickAsync("#purge-go");
        await page.Locator("#purge-result").GetByText("Purged 2 run(s).").WaitForAsync(new() { Timeout = Wait });
        await page.Locator("#runs-empty").WaitForAsync(new() { Timeout = Wait });

        Assert.Single(dialogs);
        Assert.Contains("same input as review-a", dialogs[0], StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, restarted.RuntimeStatus);
        Assert.Equal(original!.SerializedInput, restarted.SerializedInput);
        Assert.StartsWith("2 finished run(s) match status Completed, id starting 'review-'", summary, StringComparison.Ordinal);
        Assert.NotNull(afterCancel);
        Assert.Null(await app.Client.GetInstanceAsync("review-a"));
        Assert.Null(await app.Client.GetInstanceAsync("review-b"));
        Assert.NotNull(await app.Client.GetInstanceAsync(newId));
        Assert.NotNull(await app.Client.GetInstanceAsync("research-1"));
    }

    [Fact]
    public async Task Pages_DarkSystemThemeAndPhoneWidth_AreDarkAndNeverScrollSideways()
    {
        await using var app = await DashboardTestApp.StartAsync();
        await app.StartWeeklyAsync("weekly-report-2026-11-30-with-a-long-instance-id");
        await app.CompletionAsync(await app.StartReviewAsync());
        await app.AwaitingApprovalAsync("weekly-report-2026-11-30-with-a-long-instance-id:report");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var phone = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 }, ColorScheme = ColorScheme.Dark, IsMobile = true });
        var light = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light });
        var page = await phone.NewPageAsync();
        var widths = new Dictionary<string, (int Scroll, int Inner)>();
        var pages = new[]
        {
            ("runs", "/dashboard"),
            ("run", "/dashboard/runs/" + Uri.EscapeDataString("weekly-report-2026-11-30-with-a-long-instance-id")),
            ("approvals", "/dashboard/approvals"),
            ("spend", "/dashboard/spend"),
        };

        foreach (var (name, path) in pages)
        {
            await page.GotoAsync(app.Url(path));
            var size = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
            widths[name] = (size[0], size[1]);
            await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardBrowserTests.ArtifactsDirectory, $"phone-dark-{name}.png"), FullPage = true });
        }

        await page.GotoAsync(app.Url("/dashboard"));
        var darkBackground = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        var darkCard = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('section.card')).backgroundColor");
        var desktopDark = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, ColorScheme = ColorScheme.Dark });
        await desktopDark.GotoAsync(app.Url("/dashboard"));
        await desktopDark.ScreenshotAsync(new() { Path = Path.Combine(DashboardBrowserTests.ArtifactsDirectory, "runs-dark.png") });
        var lightPage = await light.NewPageAsync();
        await lightPage.GotoAsync(app.Url("/dashboard"));
        var lightBackground = await lightPage.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await lightPage.ScreenshotAsync(new() { Path = Path.Combine(DashboardBrowserTests.ArtifactsDirectory, "runs-light.png") });

        Assert.All(widths, w => Assert.True(w.Value.Scroll <= w.Value.Inner, $"{w.Key}: scrollWidth {w.Value.Scroll} > innerWidth {w.Value.Inner}"));
        Assert.Equal("rgb(15, 17, 21)", darkBackground);
        Assert.Equal("rgb(23, 26, 33)", darkCard);
        Assert.Equal("rgb(246, 247, 249)", lightBackground);
    }
}
