using Baton.Testing;
using Baton.Dashboard.Tests.Hosting;
using Baton.Durable;
using Microsoft.Playwright;

namespace Baton.Dashboard.Tests.Browser;

/// <summary>
/// The run page's agent views in headless Chromium: LLM calls with their instructions, messages, markdown reply and
/// tool calls, and a group chat's transcript. Screenshots go to TestResults/screenshots beside the test assembly.
/// </summary>
public sealed class AgentViewBrowserTests
{

    public static string ScreenshotsDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    [Fact]
    public async Task RunPage_SubWorkflowWithTools_ShowsEachCallWithRenderedReplyAndTheFailedToolAsFailed()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var id = await app.StartContractReviewAsync();
        await app.CompletionAsync(id);
        var child = (await app.Client.GetInstanceHistoryAsync(id))!.Single(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated).InstanceId!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        await page.GotoAsync(app.Url("/dashboard/runs/" + child));
        var calls = page.Locator("#agent-calls article.call");
        var callCount = await calls.CountAsync();
        var last = calls.Last;
        await last.Locator("details.instructions summary").ClickAsync();
        var instructions = await last.Locator("details.instructions .md").InnerTextAsync();
        await last.Locator("details.messages summary").ClickAsync();
        var roles = await last.Locator("ol.messages .msg > .role").EvaluateAllAsync<string[]>("rs => rs.map(r => r.textContent)");
        var bold = await last.Locator(".reply .md strong").InnerTextAsync();
        var tableCells = await last.Locator(".reply .md table td").CountAsync();
        var links = await last.Locator(".reply .md a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        var pwned = await page.EvaluateAsync<bool>("() => window.pwned === true");
        var first = calls.First;
        var failedTool = first.Locator($".toolcall[data-tool='{ScriptedChatClient.BrokenTool}']");
        var failedBadge = await failedTool.Locator(".badge").InnerTextAsync();
        var failedResult = await failedTool.Locator("pre.result").InnerTextAsync();
        var okBadge = await first.Locator($".toolcall[data-tool='{ScriptedChatClient.LookupTool}'] .badge").InnerTextAsync();
        var arguments = await first.Locator($".toolcall[data-tool='{ScriptedChatClient.LookupTool}'] pre.args").InnerTextAsync();
        var usage = await first.Locator("header .usage").InnerTextAsync();
        var cost = await first.Locator("header .cost").InnerTextAsync();
        var timelineTool = await page.Locator("#timeline .step.k-tool").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)");
        Directory.CreateDirectory(ScreenshotsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotsDirectory, "agent-calls.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.Locator("#agent-calls").ScrollIntoViewIfNeededAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotsDirectory, "agent-calls-phone.png"), FullPage = false });

        Assert.Equal(2, callCount);
        Assert.Equal("You check clauses against the template.", instructions.Trim());
        Assert.Equal(["user", "assistant", "tool · " + ScriptedChatClient.LookupTool, "tool · " + ScriptedChatClient.BrokenTool], roles);
        Assert.Equal("liability cap", bold);
        Assert.Equal(2, tableCells);
        Assert.Equal(["https://example.com/template", "#"], links);
        Assert.False(pwned);
        Assert.Equal(0, dialogs);
        Assert.Equal("returned an error", failedBadge);
        Assert.Contains("'not-a-number' is not a clause number", failedResult, StringComparison.Ordinal);
        Assert.Equal("completed", okBadge);
        Assert.Contains("\"clause\": \"4.2\"", arguments, StringComparison.Ordinal);
        Assert.Equal("1,000 in / 200 out tokens", usage);
        Assert.Equal("est. $0.0007", cost);
        Assert.Equal(["completed", "failed"], timelineTool.Order(StringComparer.Ordinal));
        Assert.False(overflow, "the run page scrolls sideways at phone width");
    }

    [Fact]
    public async Task RunPage_GroupChat_ShowsTheTranscriptWithSpeakersNotJson()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var id = await app.StartGroupChatAsync();
        var done = await app.CompletionAsync(id);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync(app.Url("/dashboard/runs/" + id));
        var turns = page.Locator("#transcript li.turn");
        var count = await turns.CountAsync();
        var speakers = await turns.EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.speaker)");
        var firstText = await turns.First.Locator(".md").InnerTextAsync();
        var offlineLabel = await page.Locator("#agent-calls article.call header .meta").First.InnerTextAsync();
        var costNote = await page.Locator("#run-cost").InnerTextAsync();
        Directory.CreateDirectory(ScreenshotsDirectory);
        await page.Locator("#transcript").ScreenshotAsync(new() { Path = Path.Combine(ScreenshotsDirectory, "group-chat-transcript.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotsDirectory, "group-chat-run.png"), FullPage = true });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(count >= 2, $"the transcript shows {count} turns");
        Assert.Contains(WorkflowAgentNamesFor.Writer, speakers);
        Assert.Contains(WorkflowAgentNamesFor.Drafter, speakers);
        Assert.False(string.IsNullOrWhiteSpace(firstText));
        Assert.DoesNotContain("\\n", firstText, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", firstText, StringComparison.Ordinal);
        Assert.Contains("offline model", offlineLabel, StringComparison.Ordinal);
        Assert.Contains("offline model: free", costNote, StringComparison.Ordinal);
    }

    private static class WorkflowAgentNamesFor
    {
        public const string Writer = Baton.Workflows.WorkflowAgentNames.Writer;
        public const string Drafter = Baton.Workflows.WorkflowAgentNames.Drafter;
    }
}
