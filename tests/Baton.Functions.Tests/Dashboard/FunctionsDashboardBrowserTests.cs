using Baton.Agents;
using Baton.Functions.Tests.Conformance;
using Baton.Testing;
using Baton.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Baton.Functions.Tests.Dashboard;

/// <summary>
/// The dashboard the Functions app serves, in headless Chromium, over Durable's own engine and client (the conformance
/// host): runs with a sub-workflow nested under its parent, a run page without history (the test host's history query
/// returns no events), the inbox reading the approvals ledger and deciding, restart and rewind (refused by the test
/// host's in-memory backend, which has no rewind) through the function,
/// the signed-in user from App Service authentication's headers, and a phone width in dark mode; pages reloaded (F5)
/// come back through the key-free shell with their data, and a bookmarked address in a browser without the key asks for it.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class FunctionsDashboardBrowserTests
{
    private const float Wait = 60_000;
    // The pages move with the history API (the key stays out of every URL): wait for the address itself.
    private static readonly PageWaitForFunctionOptions Address = new() { Timeout = 60_000 };

    public static string ArtifactsDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts");

    [Fact]
    public async Task Dashboard_OnDurableFunctions_ListsNestsDecidesRestartsAndRewindsThroughTheFunction()
    {
        var scenario = new ConformanceScenario(WorkflowNames.WeeklyReport, new WeeklyReportInput(new DateOnly(2026, 11, 30), ["ann@example.com"]))
        {
            Settings = new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "true" },
        };
        await using var durable = await DurableFunctionsEngine.StartAsync(scenario);
        await using var host = await FunctionsDashboardHost.StartAsync(durable);
        var catalog = durable.Services.GetRequiredService<WorkflowCatalog>();
        var weekly = catalog.Get(WorkflowNames.WeeklyReport).Start(scenario.Input);
        await durable.StartAsync(weekly.Orchestrator, weekly.Input, "weekly-fn");
        var review = catalog.Get(WorkflowNames.ParallelReview).Start(new ParallelReviewInput("Pricing memo", "Raise the enterprise plan by 5 percent in March."));
        await durable.StartAsync(review.Orchestrator, review.Input, "review-fn");
        // An input the workflow cannot read: the run fails, and can be rewound on Durable.
        await durable.StartAsync(review.Orchestrator, 42, "broken-fn");
        await Eventually.UntilAsync(() => durable.FinishedAsync("review-fn"), r => r is not null, "review-fn to finish", TimeSpan.FromSeconds(90));
        var broken = await Eventually.UntilAsync(() => durable.FinishedAsync("broken-fn"), r => r is not null, "broken-fn to fail", TimeSpan.FromSeconds(90));
        await Eventually.UntilAsync(
            () => Task.FromResult(durable.Notifier.Notifications.FirstOrDefault(n => n.Kind == ApprovalNotificationKind.Requested)),
            n => n is not null,
            "the weekly report's approval request",
            TimeSpan.FromSeconds(90));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            // What App Service authentication adds to every request it lets through.
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL-NAME"] = "ann@contoso.com", ["X-MS-CLIENT-PRINCIPAL-IDP"] = "aad" },
        });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        Directory.CreateDirectory(ArtifactsDirectory);

        await page.GotoAsync(host.Url("/api/dashboard"));
        var openedUrl = page.Url;
        var user = await page.Locator("#signed-in").InnerTextAsync();
        var rows = await page.Locator("#runs-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.instanceId + '>' + (r.dataset.parentId || ''))");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "functions-runs.png"), FullPage = true });

        await page.ClickAsync("#runs-table a.run-link[href$='/runs/review-fn']");
        await page.WaitForFunctionAsync("() => location.pathname.endsWith('/api/dashboard/runs/review-fn')", null, Address);
        var runStatus = await page.Locator("#run-status").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "functions-run.png"), FullPage = true });
        // F5: the address answers with the shell, which loads the same page with the key this tab keeps.
        await page.ReloadAsync();
        var reloadedStatus = await page.Locator("#run-status").InnerTextAsync();
        var reloadedAddress = new Uri(page.Url).AbsolutePath;

        await page.ClickAsync("#nav-approvals");
        await page.WaitForFunctionAsync("() => location.pathname.endsWith('/api/dashboard/approvals')", null, Address);
        await page.ReloadAsync();
        var pending = page.Locator("#pending-table tr[data-instance-id='weekly-fn:report']");
        await pending.WaitForAsync(new() { Timeout = Wait });
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "functions-approvals.png"), FullPage = true });
        await page.ClickAsync("form.inbox-decision button.approve");
        await page.Locator(".decide-result[data-outcome=recorded]").WaitForAsync(new() { Timeout = Wait });
        var weeklyRun = await Eventually.UntilAsync(() => durable.FinishedAsync("weekly-fn"), r => r is not null, "weekly-fn to finish", TimeSpan.FromSeconds(90));

        await page.ClickAsync("#nav-runs");
        await page.WaitForFunctionAsync("() => location.pathname.endsWith('/api/dashboard/')", null, Address);
        await page.ReloadAsync();
        // The live list refreshes itself from the data route with the key the tab kept (a refused fetch never counts).
        await page.Locator("#runs[data-refresh-count]").WaitForAsync(new() { Timeout = Wait, State = WaitForSelectorState.Attached });
        await page.ClickAsync("#runs-table tr[data-instance-id='broken-fn'] button[data-action=rewind]");
        await page.Locator("#purge-result").GetByText("rewind", new() { Exact = false }).WaitForAsync(new() { Timeout = Wait });
        var rewindResult = await page.Locator("#purge-result").InnerTextAsync();
        await page.ClickAsync("#runs-table tr[data-instance-id='review-fn'] button[data-action=restart]");
        await page.WaitForFunctionAsync("() => location.pathname.startsWith('/api/dashboard/runs/') && !location.pathname.endsWith('/review-fn')", null, Address);
        var restartedId = Uri.UnescapeDataString(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        var restarted = await Eventually.UntilAsync(() => durable.FinishedAsync(restartedId), r => r is not null, "the restarted run to finish", TimeSpan.FromSeconds(90));
        var original = await durable.Client.GetInstanceAsync("review-fn", getInputsAndOutputs: true);
        var copy = await durable.Client.GetInstanceAsync(restartedId, getInputsAndOutputs: true);

        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 }, ColorScheme = ColorScheme.Dark, IsMobile = true });
        await phone.GotoAsync(host.Url("/api/dashboard"));
        await phone.Locator("#runs-table").WaitForAsync(new() { Timeout = Wait });
        var widths = await phone.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "functions-runs-phone-dark.png"), FullPage = true });
        using var anonymous = new HttpClient();
        using var noKey = await anonymous.GetAsync(host.BaseUrl + "/api/dashboard-data/");

        Assert.DoesNotContain("code=", openedUrl, StringComparison.Ordinal);
        Assert.Equal("ann@contoso.com", user);
        Assert.Contains("weekly-fn>", rows);
        Assert.Contains("weekly-fn:report>weekly-fn", rows);
        Assert.Contains("review-fn>", rows);
        Assert.Equal("Failed", broken!.Status);
        Assert.Contains("Completed", runStatus, StringComparison.Ordinal);
        Assert.Contains("Completed", reloadedStatus, StringComparison.Ordinal);
        Assert.Equal("/api/dashboard/runs/review-fn", reloadedAddress);
        Assert.Equal("Completed", weeklyRun!.Status);
        // The request reached Durable's RewindInstanceAsync; the test host's in-memory backend does not implement rewind
        // (Azure Storage does), and the page says so instead of pretending.
        Assert.Contains("rewind refused (501): This app's Durable Functions storage provider cannot rewind", rewindResult, StringComparison.Ordinal);
        Assert.Equal("Completed", restarted!.Status);
        Assert.Equal(original!.SerializedInput, copy!.SerializedInput);
        Assert.Equal(original.Name, copy.Name);
        Assert.Equal(2, dialogs.Count);
        Assert.True(widths[0] <= widths[1], $"scrollWidth {widths[0]} > innerWidth {widths[1]}");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task Dashboard_BookmarkInABrowserWithoutTheKey_AsksForItRefusesAWrongOneAndRemembersItOnTheDevice()
    {
        var input = new ParallelReviewInput("Bookmark memo", "Move the launch to April.");
        var scenario = new ConformanceScenario(WorkflowNames.ParallelReview, input);
        await using var durable = await DurableFunctionsEngine.StartAsync(scenario);
        await using var host = await FunctionsDashboardHost.StartAsync(durable);
        var review = durable.Services.GetRequiredService<WorkflowCatalog>().Get(WorkflowNames.ParallelReview).Start(input);
        await durable.StartAsync(review.Orchestrator, review.Input, "bookmark-fn");
        await Eventually.UntilAsync(() => durable.FinishedAsync("bookmark-fn"), r => r is not null, "bookmark-fn to finish", TimeSpan.FromSeconds(90));
        var bookmark = host.BaseUrl + "/api/dashboard/runs/bookmark-fn";
        const string Stored = "() => [sessionStorage.getItem('baton-dashboard-key:/api/dashboard'), localStorage.getItem('baton-dashboard-key:/api/dashboard')].join('|')";

        using var anonymous = new HttpClient();
        var shellOfRun = await anonymous.GetStringAsync(bookmark);
        var shellOfRuns = await anonymous.GetStringAsync(host.BaseUrl + "/api/dashboard/");
        using var dataWithoutKey = await anonymous.GetAsync(host.BaseUrl + "/api/dashboard-data/runs/bookmark-fn");
        using var dataWithKey = new HttpRequestMessage(HttpMethod.Get, host.BaseUrl + "/api/dashboard-data/runs/bookmark-fn") { Headers = { { "x-functions-key", FunctionsDashboardHost.Key } } };
        using var keyed = await anonymous.SendAsync(dataWithKey);
        var keyedPage = await keyed.Content.ReadAsStringAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        // A new browser profile: nothing stored, as a bookmark or a pasted link opens it.
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(bookmark);
        await page.Locator("#sign-in-form").WaitForAsync(new() { Timeout = Wait });
        var prompt = await page.Locator("#sign-in").InnerTextAsync();
        var messageShownFirst = await page.Locator("#sign-in-message").IsVisibleAsync();

        await page.FillAsync("#sign-in-key", "not-the-key");
        await page.ClickAsync("#sign-in-submit");
        await page.Locator("#sign-in-message.bad-text").WaitForAsync(new() { Timeout = Wait });
        var refusal = await page.Locator("#sign-in-message").InnerTextAsync();
        var afterWrongKey = await page.ContentAsync();
        var storedAfterWrongKey = await page.EvaluateAsync<string>(Stored);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "functions-sign-in-refused.png"), FullPage = true });

        await page.FillAsync("#sign-in-key", FunctionsDashboardHost.Key);
        await page.CheckAsync("input[name=remember][value=device]");
        await page.ClickAsync("#sign-in-submit");
        var status = await page.Locator("#run-status").InnerTextAsync();
        var address = page.Url;
        var storedAfterSignIn = await page.EvaluateAsync<string>(Stored);

        // Another tab of the same profile: the key remembered on this device opens the bookmark at once.
        var second = await context.NewPageAsync();
        await second.GotoAsync(bookmark);
        var secondStatus = await second.Locator("#run-status").InnerTextAsync();
        await second.ClickAsync("#forget-key");
        await second.Locator("#sign-in-form").WaitForAsync(new() { Timeout = Wait });
        var forgotten = await second.Locator("#sign-in-message").InnerTextAsync();
        var storedAfterForget = await second.EvaluateAsync<string>(Stored);

        Assert.Equal(shellOfRun, shellOfRuns);
        Assert.DoesNotContain("bookmark-fn", shellOfRun, StringComparison.Ordinal);
        Assert.DoesNotContain(WorkflowNames.ParallelReview, shellOfRun, StringComparison.Ordinal);
        Assert.DoesNotContain("Bookmark memo", shellOfRun, StringComparison.Ordinal);
        Assert.Contains("id=\"sign-in-form\"", shellOfRun, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, dataWithoutKey.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, keyed.StatusCode);
        Assert.Contains("bookmark-fn", keyedPage, StringComparison.Ordinal);
        Assert.Contains("function key of the Dashboard function or the host key", prompt, StringComparison.Ordinal);
        Assert.Contains("az functionapp function keys list", prompt, StringComparison.Ordinal);
        Assert.False(messageShownFirst);
        Assert.Contains("The key was refused (401)", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("bookmark-fn", afterWrongKey, StringComparison.Ordinal);
        Assert.Equal("|", storedAfterWrongKey);
        Assert.Contains("Completed", status, StringComparison.Ordinal);
        Assert.Equal(bookmark, address);
        Assert.Equal("|" + FunctionsDashboardHost.Key, storedAfterSignIn);
        Assert.Contains("Completed", secondStatus, StringComparison.Ordinal);
        Assert.Contains("forgotten", forgotten, StringComparison.Ordinal);
        Assert.Equal("|", storedAfterForget);
    }
}
