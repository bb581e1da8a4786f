using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Dashboard.Tests.Hosting;

/// <summary>The dashboard's pages and fragments over real HTTP, on the in-memory engine with the offline model.</summary>
public sealed class DashboardHttpTests
{
    [Fact]
    public async Task RunsFragment_StatusAndWorkflowFilters_ListOnlyMatchingRuns()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var research = await app.StartResearchAsync();
        var review = await app.StartReviewAsync();
        await app.AwaitingApprovalAsync(research);
        await app.CompletionAsync(review);

        var all = await app.Http.GetStringAsync(app.Url("/dashboard/runs"));
        var completed = await app.Http.GetStringAsync(app.Url("/dashboard/runs?status=Completed"));
        var researchOnly = await app.Http.GetStringAsync(app.Url("/dashboard/runs?workflow=research-report"));
        var lastHourRunning = await app.Http.GetStringAsync(app.Url("/dashboard/runs?status=Running&range=1h"));
        var future = await app.Http.GetStringAsync(app.Url("/dashboard/runs?from=2999-01-01T00:00"));

        Assert.Contains(research, all, StringComparison.Ordinal);
        Assert.Contains(review, all, StringComparison.Ordinal);
        Assert.Contains(review, completed, StringComparison.Ordinal);
        Assert.DoesNotContain(research, completed, StringComparison.Ordinal);
        Assert.Contains(research, researchOnly, StringComparison.Ordinal);
        Assert.DoesNotContain(review, researchOnly, StringComparison.Ordinal);
        Assert.Contains(research, lastHourRunning, StringComparison.Ordinal);
        Assert.Contains("AwaitingApproval", lastHourRunning, StringComparison.Ordinal);
        Assert.Contains("No runs match", future, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsPage_SmallPages_PagesWithTheContinuationTokenAndCarriesTheKey()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.StartReviewAsync());
        }

        foreach (var id in ids)
        {
            await app.CompletionAsync(id);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var url = app.Url("/dashboard/?pageSize=ignored");
        app.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DashboardOptions>>().Value.PageSize = 2;
        var first = await app.Http.GetStringAsync(url);
        var next = Href(first, "next-page");
        Assert.NotNull(next);
        Assert.Contains("code=" + DashboardTestApp.Key, next, StringComparison.Ordinal);
        var second = await app.Http.GetStringAsync(app.BaseUrl + next);

        foreach (var id in ids.Where(id => first.Contains(id, StringComparison.Ordinal) || second.Contains(id, StringComparison.Ordinal)))
        {
            seen.Add(id);
        }

        Assert.Equal(ids.Count, seen.Count);
        Assert.Null(Href(second, "next-page"));
        Assert.NotNull(Href(second, "first-page"));
        Assert.All(Hrefs(first).Where(h => h.StartsWith("/dashboard", StringComparison.Ordinal)), h => Assert.Contains("code=" + DashboardTestApp.Key, h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_WithoutTheKey_AreRefusedByTheHostFilter()
    {
        await using var app = await DashboardTestApp.StartAsync();

        using var response = await app.Http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RunPage_UnknownRun_Answers404WithAPage()
    {
        await using var app = await DashboardTestApp.StartAsync();

        using var response = await app.Http.GetAsync(app.Url("/dashboard/runs/nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Run not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SpendAndApprovals_AfterRuns_ShowPerWorkflowAndPerAgentTotalsAndThePendingApproval()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var research = await app.StartResearchAsync();
        var review = await app.StartReviewAsync();
        await app.AwaitingApprovalAsync(research);
        await app.CompletionAsync(review);

        var spend = await app.Http.GetStringAsync(app.Url("/dashboard/spend?range=24h"));
        var inbox = await app.Http.GetStringAsync(app.Url("/dashboard/approvals"));

        Assert.Contains("id=\"spend-by-workflow\"", spend, StringComparison.Ordinal);
        Assert.Contains("data-label=\"research-report\"", spend, StringComparison.Ordinal);
        Assert.Contains("data-label=\"parallel-review\"", spend, StringComparison.Ordinal);
        Assert.Contains("data-label=\"researcher\"", spend, StringComparison.Ordinal);
        Assert.Contains("data-instance-id=\"" + research + "\"", inbox, StringComparison.Ordinal);
        Assert.Contains(DashboardTestApp.Approver, inbox, StringComparison.Ordinal);
        Assert.Contains("/api/approvals/", inbox, StringComparison.Ordinal);
    }

    private static string? Href(string html, string id)
    {
        var marker = "id=\"" + id + "\" href=\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : WebUtility.HtmlDecode(html[(at + marker.Length)..html.IndexOf('"', at + marker.Length)]);
    }

    private static IEnumerable<string> Hrefs(string html)
    {
        var at = 0;
        while ((at = html.IndexOf("href=\"", at, StringComparison.Ordinal)) >= 0)
        {
            at += 6;
            yield return WebUtility.HtmlDecode(html[at..html.IndexOf('"', at)]);
        }
    }
}
