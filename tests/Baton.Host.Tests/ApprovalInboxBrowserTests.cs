using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Host.Tests;

/// <summary>The dashboard's approvals inbox in headless Chromium: every kind of approval listed, and decided from there.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApprovalInboxBrowserTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static async Task<string> StartTriageAsync(RunningHost host)
    {
        // Escalating at any urgency, so that the coordinator asks to run create_ticket: a tool call awaiting approval.
        using var response = await host.Http.PostAsJsonAsync("/api/workflows/support-triage", new
        {
            customer = "Dana Park <dana@contoso.example>",
            subject = "Invoice charged twice",
            message = "Our March invoice was charged twice to our card. Please refund the duplicate payment.",
            approvers = new[] { "support-lead@example.com" },
            escalateAtUrgency = "Low",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Task<JsonElement> PendingAsync(RunningHost host, string instanceId) =>
        Eventually.UntilAsync(
            async () => (await host.Http.GetFromJsonAsync<JsonElement>("/api/approvals?status=pending")).EnumerateArray()
                .FirstOrDefault(a => a.GetProperty("instanceId").GetString() == instanceId),
            a => a.ValueKind == JsonValueKind.Object,
            $"the approval of {instanceId} in the ledger",
            Deadline);

    [Fact]
    public async Task Inbox_ToolCallAndReportApprovals_ListedAndApprovedFromTheInboxCompleteBothRuns()
    {
        await using var host = await RunningHost.StartAsync(azurite);
        var report = await host.StartResearchAsync();
        var triage = await StartTriageAsync(host);
        await host.AwaitingApprovalAsync(report);
        var toolCall = await PendingAsync(host, triage);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(host.BaseUrl + "/dashboard/approvals");
        var reportRow = page.Locator($"#pending-table tr[data-instance-id='{report}']");
        var toolRow = page.Locator($"#pending-table tr[data-instance-id='{triage}']");
        var reportKind = await reportRow.GetAttributeAsync("data-kind");
        var toolKind = await toolRow.GetAttributeAsync("data-kind");
        var toolText = await toolRow.InnerTextAsync();

        await toolRow.Locator("textarea.comment").FillAsync("Ticket is warranted.");
        await toolRow.Locator("button.approve").ClickAsync();
        var triageDone = await host.FinishedAsync(triage);
        await reportRow.Locator("textarea.comment").FillAsync("Publish it.");
        await reportRow.Locator("button.approve").ClickAsync();
        var reportDone = await host.FinishedAsync(report);

        Assert.Equal("tool-call", toolCall.GetProperty("kind").GetString());
        Assert.Equal("create_ticket", toolCall.GetProperty("toolName").GetString());
        Assert.Equal(("report", "tool-call"), (reportKind, toolKind));
        Assert.Contains("create_ticket", toolText, StringComparison.Ordinal);
        Assert.Equal("Completed", triageDone.GetProperty("runtimeStatus").GetString());
        Assert.Equal(JsonValueKind.Object, triageDone.GetProperty("output").GetProperty("ticket").ValueKind);
        Assert.Equal("Completed", reportDone.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Published", reportDone.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Equal("Publish it.", reportDone.GetProperty("output").GetProperty("decisions")[0].GetProperty("comment").GetString());

        await page.GotoAsync(host.BaseUrl + "/dashboard/approvals");
        var audit = page.Locator("#decided tr[data-outcome='approved']");
        var channels = await audit.Locator("td.channel").AllInnerTextsAsync();
        var approvers = await audit.Locator("td.approver").AllInnerTextsAsync();
        Assert.Equal(["inbox", "inbox"], channels);
        Assert.Equal(["ann@example.com", "support-lead@example.com"], approvers.Order(StringComparer.Ordinal));
        Assert.Equal(0, await page.Locator($"#pending-table tr[data-instance-id='{report}']").CountAsync());
    }
}
