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
    public async Task RunsPage_SmallPages_PagesWithTheContinuationTokenAndNeverPutsTheKeyInLinks()
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
        Assert.DoesNotContain(DashboardTestApp.Key, next, StringComparison.Ordinal);
        var second = await app.Http.GetStringAsync(app.Url(next));

        foreach (var id in ids.Where(id => first.Contains(id, StringComparison.Ordinal) || second.Contains(id, StringComparison.Ordinal)))
        {
            seen.Add(id);
        }

        Assert.Equal(ids.Count, seen.Count);
        Assert.Null(Href(second, "next-page"));
        Assert.NotNull(Href(second, "first-page"));
        Assert.Contains(Hrefs(first), h => h.StartsWith("/dashboard/runs/", StringComparison.Ordinal));
        Assert.DoesNotContain(DashboardTestApp.Key, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_WithoutTheKey_AreTheShellAtTheirAddress_AndRefusedByTheHostFilterAtTheDataRoute()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var id = await app.StartResearchAsync();

        using var shell = await app.Http.GetAsync("/dashboard/runs/" + id);
        using var data = await app.Http.GetAsync("/dashboard-data/runs/" + id);
        using var withKey = await app.Http.GetAsync(app.Url("/dashboard-data/runs/" + id));

        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.DoesNotContain(id, await shell.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Contains(id, await withKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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

    [Fact]
    public async Task RunActions_Restart_StartsANewRunWithTheSameInput()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var review = await app.StartReviewAsync("review-restart");
        await app.CompletionAsync(review);

        using var response = await app.PostJsonAsync("/dashboard/runs/review-restart/restart", "{}");
        var body = await response.Content.ReadAsStringAsync();
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var newId = json.RootElement.GetProperty("instanceId").GetString()!;
        var original = await app.Client.GetInstanceAsync(review, getInputsAndOutputs: true);
        var restarted = await app.CompletionAsync(newId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(review, newId);
        Assert.Equal("/dashboard/runs/" + newId, response.Headers.Location?.ToString());
        Assert.Equal(original!.Name, restarted.Name);
        Assert.Equal(original.SerializedInput, restarted.SerializedInput);
        Assert.Equal(Baton.Durable.OrchestrationRuntimeStatus.Completed, restarted.RuntimeStatus);
    }

    [Fact]
    public async Task RunActions_RewindOnBatonsEngineUnknownActionOrNotJson_AreRefusedWithAReason()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var review = await app.StartReviewAsync("review-rewind");
        await app.CompletionAsync(review);

        using var rewind = await app.PostJsonAsync("/dashboard/runs/review-rewind/rewind", "{}");
        using var unknown = await app.PostJsonAsync("/dashboard/runs/review-rewind/explode", "{}");
        using var missing = await app.PostJsonAsync("/dashboard/runs/nope/restart", "{}");
        using var form = new HttpRequestMessage(HttpMethod.Post, app.Url("/dashboard/runs/review-rewind/restart")) { Content = new StringContent("a=b", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        using var notJson = await app.Http.SendAsync(form);
        using var get = await app.Http.GetAsync(app.Url("/dashboard/runs/review-rewind/restart"));

        Assert.Equal(HttpStatusCode.NotImplemented, rewind.StatusCode);
        Assert.Contains("Restart it instead", await rewind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task BulkPurge_CountThenConfirm_PurgesOnlyTheFinishedRunsTheFilterMatched()
    {
        await using var app = await DashboardTestApp.StartAsync();
        await app.CompletionAsync(await app.StartReviewAsync("nightly-1"));
        await app.CompletionAsync(await app.StartReviewAsync("nightly-2"));
        await app.CompletionAsync(await app.StartReviewAsync("other-1"));
        await app.AwaitingApprovalAsync(await app.StartResearchAsync("nightly-running"));

        using var count = await app.PostJsonAsync("/dashboard/runs/purge", """{"query":"q=nightly-"}""");
        using var stale = await app.PostJsonAsync("/dashboard/runs/purge", """{"query":"q=nightly-","confirm":true,"expected":3}""");
        var afterStale = await app.Client.GetInstanceAsync("nightly-1");
        using var unconfirmed = await app.PostJsonAsync("/dashboard/runs/purge", """{"query":"q=nightly-","confirm":true}""");
        using var purge = await app.PostJsonAsync("/dashboard/runs/purge", """{"query":"q=nightly-","confirm":true,"expected":2}""");

        using var counted = System.Text.Json.JsonDocument.Parse(await count.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        Assert.Equal(2, counted.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(["nightly-1", "nightly-2"], counted.RootElement.GetProperty("sample").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.NotNull(afterStale);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Null(await app.Client.GetInstanceAsync("nightly-1"));
        Assert.Null(await app.Client.GetInstanceAsync("nightly-2"));
        Assert.NotNull(await app.Client.GetInstanceAsync("other-1"));
        Assert.NotNull(await app.Client.GetInstanceAsync("nightly-running"));
    }

    [Fact]
    public async Task RunsFragment_PrefixSeveralStatusesAndASubWorkflow_NestsTheChildUnderItsParent()
    {
        await using var app = await DashboardTestApp.StartAsync();
        await app.StartWeeklyAsync("weekly-1");
        await app.AwaitingApprovalAsync("weekly-1:report");
        await app.CompletionAsync(await app.StartReviewAsync("review-1"));

        var weekly = await app.Http.GetStringAsync(app.Url("/dashboard/runs?q=weekly-"));
        var both = await app.Http.GetStringAsync(app.Url("/dashboard/runs?status=Running&status=Completed"));
        var completed = await app.Http.GetStringAsync(app.Url("/dashboard/runs?status=Completed"));

        Assert.Contains("data-instance-id=\"weekly-1\"", weekly, StringComparison.Ordinal);
        Assert.Contains("data-instance-id=\"weekly-1:report\" data-status=\"Running\" class=\"child\" data-parent-id=\"weekly-1\"", weekly, StringComparison.Ordinal);
        Assert.Contains("incl. 1 sub-workflow", weekly, StringComparison.Ordinal);
        Assert.DoesNotContain("review-1", weekly, StringComparison.Ordinal);
        Assert.Contains("review-1", both, StringComparison.Ordinal);
        Assert.Contains("weekly-1:report", both, StringComparison.Ordinal);
        Assert.Contains("review-1", completed, StringComparison.Ordinal);
        Assert.DoesNotContain("weekly-1", completed, StringComparison.Ordinal);
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
