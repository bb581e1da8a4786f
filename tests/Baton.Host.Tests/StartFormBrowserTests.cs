using System.Net.Http.Json;
using System.Text.Json;
using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Host.Tests;

/// <summary>The dashboard's "Start run" form in headless Chromium: generated from the input schema, errors shown by their fields.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StartFormBrowserTests(AzuriteFixture azurite)
{

    [Fact]
    public async Task StartForm_BadApproverShownByItsField_ThenFixedStartsTheRun()
    {
        await using var host = await RunningHost.StartAsync(azurite);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(host.BaseUrl + "/dashboard/start");
        await page.ClickAsync("a.start-link:text-is('research-report')");
        var kinds = await page.EvalOnSelectorAllAsync<string[]>(".field", "fs => fs.map(f => f.dataset.field + ':' + f.dataset.kind)");
        var timeoutChoices = await page.Locator("[data-field=onApprovalTimeout] option").AllInnerTextsAsync();
        await page.FillAsync("#f-topic", "Competitor pricing changes in Q3");
        await page.FillAsync("#f-approvers", "ann@example.com\nbob");
        await page.FillAsync("#f-maxRevisions", "11");
        await page.ClickAsync("#start-submit");
        await page.Locator("[data-field=approvers] .field-error:not(:empty)").WaitForAsync();
        var approverError = await page.InnerTextAsync("[data-field=approvers] .field-error");
        var revisionsError = await page.InnerTextAsync("[data-field=maxRevisions] .field-error");
        var topicError = await page.InnerTextAsync("[data-field=topic] .field-error");

        await page.FillAsync("#f-approvers", "ann@example.com");
        await page.FillAsync("#f-maxRevisions", "2");
        await page.ClickAsync("#start-submit");
        await page.Locator("#started-run").WaitForAsync();
        var id = await page.GetAttributeAsync("#start-result", "data-instance-id");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "start-form.png"), FullPage = true });
        var status = await host.Http.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances/" + id);

        Assert.Contains("topic:text", kinds);
        Assert.Contains("approvers:lines-string", kinds);
        Assert.Contains("maxRevisions:integer", kinds);
        Assert.Contains("onApprovalTimeout:text", kinds);
        Assert.Equal(["(default)", "Reject", "Approve", "Fail"], timeoutChoices);
        Assert.Equal("'bob' is not an email address.", approverError);
        Assert.Contains("at most 10", revisionsError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, topicError);
        Assert.Equal("research-report", status.GetProperty("name").GetString());
        Assert.Equal(2, status.GetProperty("input").GetProperty("maxRevisions").GetInt32());
        Assert.Equal(["ann@example.com"], status.GetProperty("input").GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
    }
}
