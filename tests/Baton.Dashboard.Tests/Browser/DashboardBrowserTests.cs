using Baton.Testing;
using Baton.Dashboard.Tests.Hosting;
using Baton.Durable;
using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>The dashboard in headless Chromium (Debian's chromium package, driven by Playwright).</summary>
public sealed class DashboardBrowserTests
{
    private const float Wait = 30_000;

    // The pages move with the history API (the key stays out of every URL): wait for the address itself.
    private static readonly PageWaitForFunctionOptions Address = new() { Timeout = 30_000 };

    public static string ArtifactsDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts");

    [Fact]
    public async Task Inbox_FollowLinkAndApprove_RunPageUpdatesToCompletedWithEveryStep()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var id = await app.StartResearchAsync();
        await app.AwaitingApprovalAsync(id);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var runPage = await context.NewPageAsync();
        var inbox = await context.NewPageAsync();

        await runPage.GotoAsync(app.Url("/dashboard/runs/" + id));
        var stateBefore = await runPage.Locator("#run-state").InnerTextAsync();
        await inbox.GotoAsync(app.Url("/dashboard/approvals"));
        var row = inbox.Locator($"#pending-table tr[data-instance-id='{id}']");
        var approvers = await row.Locator(".approvers").InnerTextAsync();
        Directory.CreateDirectory(ArtifactsDirectory);
        await inbox.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "approvals-pending.png"), FullPage = true });
        var excerpt = await row.Locator(".excerpt").InnerTextAsync();
        // Followed by its address: a click can land between two live refreshes of the table and go nowhere.
        var link = await row.Locator("a.approval-link").GetAttributeAsync("href");
        Assert.StartsWith("/api/approvals/", link, StringComparison.Ordinal);
        await inbox.GotoAsync(app.BaseUrl + link);
        await inbox.FillAsync("#comment", "Ship it.");
        await inbox.ClickAsync("button.approve");
        var outcome = await inbox.Locator("#outcome").InnerTextAsync();
        await runPage.Locator("#run-status").GetByText("Completed").WaitForAsync(new() { Timeout = Wait });
        var steps = runPage.Locator("#timeline .step");
        var kinds = await steps.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind + ':' + r.dataset.status + ':' + (r.dataset.tokens || ''))");
        var names = await runPage.Locator("#timeline .step .name").AllInnerTextsAsync();
        var historyRows = await runPage.Locator("#history tbody tr").CountAsync();
        await runPage.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "run-page.png"), FullPage = true });
        await runPage.SetViewportSizeAsync(390, 844);
        await runPage.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "run-page-phone.png"), FullPage = false });
        await inbox.GotoAsync(app.Url("/dashboard/approvals"));
        var decided = await inbox.Locator($"#decided tr[data-instance-id='{id}']").InnerTextAsync();
        await inbox.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "approvals-decided.png"), FullPage = true });
        var pendingNow = await inbox.Locator("#pending-empty").CountAsync();
        await inbox.GotoAsync(app.Url("/dashboard/spend"));
        var spendBars = await inbox.Locator("#spend-by-agent g.bar").CountAsync();
        await inbox.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "spend.png"), FullPage = true });
        await inbox.GotoAsync(app.Url("/dashboard"));
        await inbox.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "runs.png"), FullPage = true });

        Assert.Equal("AwaitingApproval", stateBefore);
        Assert.Contains(DashboardTestApp.Approver, approvers, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(excerpt));
        Assert.Equal("Approved", outcome);
        Assert.Contains(kinds, k => k.StartsWith("agent:completed:", StringComparison.Ordinal) && long.Parse(k.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("approval:approved:", kinds);
        Assert.Contains("notification:completed:", kinds);
        Assert.Contains("agent researcher", names);
        Assert.Contains("agent analyst", names);
        Assert.Contains("agent writer", names);
        Assert.Contains("PublishReport", names);
        Assert.DoesNotContain(kinds, k => k.Contains(":running:", StringComparison.Ordinal));
        Assert.True(historyRows > 10, $"history shows {historyRows} rows");
        Assert.Contains("approved", decided, StringComparison.Ordinal);
        Assert.Contains(DashboardTestApp.Approver, decided, StringComparison.Ordinal);
        Assert.Contains("Ship it.", decided, StringComparison.Ordinal);
        Assert.Equal(1, pendingNow);
        Assert.Equal(3, spendBars);
        Assert.True(new FileInfo(Path.Combine(ArtifactsDirectory, "run-page.png")).Length > 10_000);
    }

    [Fact]
    public async Task RunsList_ChangeFilters_ListsOnlyMatchingRuns()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var research = await app.StartResearchAsync();
        var review = await app.StartReviewAsync();
        await app.AwaitingApprovalAsync(research);
        await app.CompletionAsync(review);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(app.Url("/dashboard"));
        var before = await RowIdsAsync(page);
        await page.CheckAsync("#filter-status input[value=Completed]");
        await page.ClickAsync("#run-filters button[type=submit]");
        await page.WaitForFunctionAsync("() => location.search.includes('status=Completed')", null, Address);
        var completed = await RowIdsAsync(page);
        await page.UncheckAsync("#filter-status input[value=Completed]");
        await page.SelectOptionAsync("#filter-workflow", "research-report");
        await page.ClickAsync("#run-filters button[type=submit]");
        await page.WaitForFunctionAsync("() => location.search.includes('workflow=research-report')", null, Address);
        var researchOnly = await RowIdsAsync(page);
        var runLink = await page.Locator("a.run-link").First.GetAttributeAsync("href");

        Assert.Equal(new[] { research, review }.Order(StringComparer.Ordinal), before.Order(StringComparer.Ordinal));
        Assert.Equal([review], completed);
        Assert.Equal([research], researchOnly);
        Assert.DoesNotContain("code=", runLink, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPage_TerminateConfirmed_GoesThroughTheDashboardAndShowsTerminated()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var id = await app.StartResearchAsync();
        await app.AwaitingApprovalAsync(id);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.AcceptAsync(dialog.Type == "prompt" ? "Not needed any more" : null);
        };

        await page.GotoAsync(app.Url("/dashboard/runs/" + id));
        // A reload (the key is no longer in the address) still opens the run: the shell loads it with the kept key.
        await page.WaitForFunctionAsync("() => !location.search.includes('code=')", null, Address);
        await page.ReloadAsync();
        await page.Locator("button[data-action=terminate]").WaitForAsync(new() { Timeout = Wait });
        await page.ClickAsync("button[data-action=terminate]");
        await page.Locator("#run-status").GetByText("Terminated").WaitForAsync(new() { Timeout = Wait });
        var result = await page.Locator("#action-result").InnerTextAsync();
        var stored = await app.Client.GetInstanceAsync(id);

        Assert.Equal(["prompt", "confirm"], dialogs);
        Assert.Contains("accepted (202)", result, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, stored!.RuntimeStatus);
    }

    [Fact]
    public async Task RunsList_NewRunStarted_AppearsWithoutReloading()
    {
        await using var app = await DashboardTestApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        await page.GotoAsync(app.Url("/dashboard"));
        // Opening it moved the key out of the address bar (a same-document navigation); count only what follows.
        await page.WaitForFunctionAsync("() => !location.search.includes('code=')", null, Address);
        navigations = 0;
        var emptyBefore = await page.Locator("#runs-empty").CountAsync();
        var id = await app.StartReviewAsync();
        await page.Locator($"#runs-table tr[data-instance-id='{id}']").WaitForAsync(new() { Timeout = Wait });

        Assert.Equal(1, emptyBefore);
        Assert.Equal(0, navigations);
    }

    internal static async Task<IReadOnlyList<string>> RowIdsAsync(IPage page) =>
        [.. await page.Locator("#runs-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.instanceId)")];
}
