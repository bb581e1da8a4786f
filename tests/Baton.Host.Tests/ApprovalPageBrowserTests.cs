using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Host.Tests;

/// <summary>The approval page in headless Chromium (Debian's chromium package, driven by Playwright).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApprovalPageBrowserTests(AzuriteFixture azurite)
{

    [Fact]
    public async Task ApprovalPage_EditTheDraftAndApprove_ShowsConfirmationAndPublishesTheEditedReport()
    {
        await using var host = await RunningHost.StartAsync(azurite);
        var id = await host.StartResearchAsync();
        var link = host.ApprovalLink(await host.AwaitingApprovalAsync(id));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(link.ToString());
        var draft = await page.InputValueAsync("#edited");
        await page.FillAsync("#edited", draft + "\n\nEdited before publishing: numbers checked by Ann.");
        await page.FillAsync("#comment", "Looks right.");
        await page.ClickAsync("button.approve");
        var outcome = await page.Locator("#outcome").InnerTextAsync();
        var editedNote = await page.Locator("#edited-note").CountAsync();
        var done = await host.FinishedAsync(id);

        Assert.Contains("## Summary", draft, StringComparison.Ordinal);
        Assert.Equal("Approved", outcome);
        Assert.Equal(1, editedNote);
        var output = done.GetProperty("output");
        Assert.Equal("Published", output.GetProperty("outcome").GetString());
        Assert.Equal("Looks right.", output.GetProperty("decisions")[0].GetProperty("comment").GetString());
        Assert.EndsWith("Edited before publishing: numbers checked by Ann.", output.GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovalPage_TamperedLink_ShowsTheErrorPage()
    {
        await using var host = await RunningHost.StartAsync(azurite);
        var id = await host.StartResearchAsync();
        var link = host.ApprovalLink(await host.AwaitingApprovalAsync(id)).ToString();
        var tampered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync(tampered);
        var outcome = await page.Locator("#outcome").InnerTextAsync();

        Assert.Equal(401, response!.Status);
        Assert.Equal("This link is not valid", outcome);
        Assert.Equal(0, await page.Locator("button.approve").CountAsync());
    }
}
