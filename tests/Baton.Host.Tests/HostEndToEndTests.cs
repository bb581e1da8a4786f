using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Baton.Agents;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Host.Tests;

/// <summary>The host over real HTTP on Azurite: the happy path and every error code.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostEndToEndTests(AzuriteFixture azurite)
{
    private const string Instances = "/runtime/webhooks/durabletask/instances/";

    [Fact]
    public async Task Start_ApproveThroughLink_StatusIs200WithTheReportLocation()
    {
        await using var host = await RunningHost.StartAsync(azurite);

        using var start = await host.Http.PostAsJsonAsync("/api/workflows/research-report", new { topic = "Competitor pricing changes in Q3", approvers = new[] { "ann@example.com" } });
        var payload = await start.Content.ReadFromJsonAsync<JsonElement>();
        var id = payload.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(payload.GetProperty("statusQueryGetUri").GetString(), start.Headers.Location!.ToString());
        Assert.EndsWith($"/instances/{id}/raiseEvent/{{eventName}}", payload.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);

        using var running = await host.Http.GetAsync(Instances + id);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.NotNull(running.Headers.Location);
        Assert.NotNull(running.Headers.RetryAfter);

        var waiting = await host.AwaitingApprovalAsync(id);
        var pending = await host.Http.GetFromJsonAsync<JsonElement>("/api/approvals?status=pending");
        Assert.Contains(pending.EnumerateArray(), p => p.GetProperty("instanceId").GetString() == id);
        var link = host.ApprovalLink(waiting);
        using var page = await host.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Competitor pricing changes in Q3", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var approve = await host.Http.PostAsJsonAsync(link, new { approved = true, comment = "Ship it." });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        await host.FinishedAsync(id);

        using var finished = await host.Http.GetAsync(Instances + id + "?showHistory=true");
        var status = await finished.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var location = status.GetProperty("output").GetProperty("location").GetString()!;
        Assert.StartsWith("reports/", location, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "reports", location["reports/".Length..])));
        var decision = status.GetProperty("output").GetProperty("decisions")[0];
        Assert.Equal("ann@example.com", decision.GetProperty("approver").GetString());
        Assert.Equal("Ship it.", decision.GetProperty("comment").GetString());
        Assert.Contains(status.GetProperty("historyEvents").EnumerateArray(), e => e.GetProperty("EventType").GetString() == "EventRaised");

        using var again = await host.Http.PostAsJsonAsync(link, new { approved = false });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // What each agent did is in the hub's agent call table, and the run page shows it with the run's spend.
        var ledger = host.App.Services.GetRequiredService<IAgentCallLedger>();
        var calls = await ledger.ListAsync(id);
        var runPage = await host.Http.GetStringAsync("/dashboard/runs/" + id);
        Assert.Equal(host.HubName + "AgentCalls", Assert.IsType<AzureTableAgentCallLedger>(ledger).TableName);
        Assert.Equal(["analyst", "researcher", "writer"], calls.Where(c => c.Kind == AgentCallKind.Model).Select(c => c.AgentName).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(calls, c => c.Kind == AgentCallKind.Tool && !c.IsError && c.Result is { Length: > 0 });
        Assert.All(calls.Where(c => c.Kind == AgentCallKind.Model), c => Assert.Equal(PriceTable.OfflineSource, c.PriceSource));
        Assert.Contains("id=\"agent-calls\"", runPage, StringComparison.Ordinal);
        Assert.Contains("offline model: free", runPage, StringComparison.Ordinal);
        Assert.Contains($"{calls.Count(c => c.Kind == AgentCallKind.Model)} LLM calls)", runPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadRequests_404And400And409()
    {
        await using var host = await RunningHost.StartAsync(azurite);

        using var unknown = await host.Http.PostAsync("/api/workflows/no-such-flow", Json("{}"));
        using var notJson = await host.Http.PostAsync("/api/workflows/research-report", Json("{oops"));
        using var missing = await host.Http.PostAsync("/api/workflows/research-report", Json("{\"topic\":\"x\"}"));
        var id = await host.StartResearchAsync("fixed-id-1");
        using var duplicate = await host.Http.PostAsync("/api/workflows/research-report?instanceId=" + id, Json("{\"topic\":\"x\",\"approvers\":[\"a@example.com\"]}"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("research-report", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"field\":\"$.approvers\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Management_RunningThenFinished_DurableCodes()
    {
        await using var host = await RunningHost.StartAsync(azurite);
        var id = await host.StartResearchAsync();
        await host.AwaitingApprovalAsync(id);

        using var unknownStatus = await host.Http.GetAsync(Instances + "nobody");
        using var unknownEvent = await host.Http.PostAsync(Instances + "nobody/raiseEvent/x", Json("{}"));
        using var textEvent = await host.Http.PostAsync(Instances + id + "/raiseEvent/other", new StringContent("hello", Encoding.UTF8, "text/plain"));
        using var brokenEvent = await host.Http.PostAsync(Instances + id + "/raiseEvent/other", Json("{nope"));
        using var acceptedEvent = await host.Http.PostAsync(Instances + id + "/raiseEvent/other", Json("{\"a\":1}"));
        using var suspend = await host.Http.PostAsync(Instances + id + "/suspend?reason=pause", null);
        await host.StatusUntilAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Suspended", "suspension");
        using var resume = await host.Http.PostAsync(Instances + id + "/resume?reason=go", null);
        await host.StatusUntilAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Running", "resumption");
        using var purgeRunning = await host.Http.DeleteAsync(Instances + id);
        using var terminate = await host.Http.PostAsync(Instances + id + "/terminate?reason=enough", null);
        var terminated = await host.FinishedAsync(id);
        using var eventAfter = await host.Http.PostAsync(Instances + id + "/raiseEvent/other", Json("{}"));
        using var terminateAfter = await host.Http.PostAsync(Instances + id + "/terminate", null);
        using var list = await host.Http.GetAsync(Instances + "?runtimeStatus=Terminated&top=10");
        using var badList = await host.Http.GetAsync(Instances + "?runtimeStatus=Sleeping");
        using var purge = await host.Http.DeleteAsync(Instances + id);
        using var purgeAgain = await host.Http.DeleteAsync(Instances + id);

        Assert.Equal(HttpStatusCode.NotFound, unknownStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownEvent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, textEvent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, brokenEvent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, acceptedEvent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, purgeRunning.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal("Terminated", terminated.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Gone, eventAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, terminateAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains((await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), i => i.GetProperty("instanceId").GetString() == id);
        Assert.Equal(HttpStatusCode.BadRequest, badList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, purgeAgain.StatusCode);
    }

    [Fact]
    public async Task ApprovalLink_TamperedExpiredOrAfterTheRun_401And410And409WithPages()
    {
        await using var host = await RunningHost.StartAsync(azurite);
        var id = await host.StartResearchAsync();
        var waiting = await host.AwaitingApprovalAsync(id);
        var link = host.ApprovalLink(waiting).ToString();
        var tampered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        var expired = host.ApprovalLink(waiting, expires: DateTimeOffset.UtcNow.AddMinutes(-1));

        using var tamperedGet = await host.Http.GetAsync(tampered);
        using var tamperedPost = await host.Http.PostAsJsonAsync(tampered, new { approved = true });
        using var expiredGet = await host.Http.GetAsync(expired);
        using var terminate = await host.Http.PostAsync(Instances + id + "/terminate", null);
        await host.FinishedAsync(id);
        using var late = await host.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.Unauthorized, tamperedGet.StatusCode);
        Assert.Contains("not valid", await tamperedGet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, tamperedPost.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expiredGet.StatusCode);
        Assert.Equal("text/html", expiredGet.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var history = await host.Http.GetFromJsonAsync<JsonElement>(Instances + id + "?showHistory=true");
        Assert.DoesNotContain(history.GetProperty("historyEvents").EnumerateArray(), e => e.GetProperty("EventType").GetString() == "EventRaised");
    }

    [Fact]
    public async Task Keys_On_RequestsWithoutAKeyAre401_AndTheKeyIsNeverEchoedIntoUrls()
    {
        const string Key = "test-key-123";
        await using var host = await RunningHost.StartAsync(azurite, Key);
        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        using var refusedStart = await anonymous.PostAsync("/api/workflows/research-report", Json("{\"topic\":\"x\",\"approvers\":[\"a@example.com\"]}"));
        using var wrongKey = await anonymous.GetAsync(Instances + "?code=wrong");
        using var health = await anonymous.GetAsync("/health");
        using var start = await host.Http.PostAsync("/api/workflows/research-report", Json("{\"topic\":\"x\",\"approvers\":[\"a@example.com\"]}"));
        var payload = await start.Content.ReadFromJsonAsync<JsonElement>();
        using var status = await host.Http.GetAsync(payload.GetProperty("statusQueryGetUri").GetString()!.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, refusedStart.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.DoesNotContain(Key, payload.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, start.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(status.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK);
        Assert.DoesNotContain(Key, await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_On_DashboardAddressWithoutAKey_IsTheKeyFreeShell_AndThePagesComeFromTheKeyedDataRoute()
    {
        const string Key = "test-key-789";
        await using var host = await RunningHost.StartAsync(azurite, Key);
        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var id = await host.StartResearchAsync();

        // A reload, a bookmark or a new tab: no key, so the shell, which holds nothing from storage.
        using var shell = await anonymous.GetAsync("/dashboard/runs/" + id);
        var shellHtml = await shell.Content.ReadAsStringAsync();
        using var dataWithoutKey = await anonymous.GetAsync("/dashboard-data/runs/" + id);
        using var actionWithoutKey = await anonymous.PostAsync("/dashboard/runs/" + id + "/terminate", Json("{}"));
        var page = await host.Http.GetStringAsync("/dashboard-data/runs/" + id);
        var pageByAddress = await host.Http.GetStringAsync("/dashboard/runs/" + id);

        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.Contains("data-fetch-root=\"/dashboard-data\"", shellHtml, StringComparison.Ordinal);
        Assert.Contains("data-shell=\"true\"", shellHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(id, shellHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("research-report", shellHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, dataWithoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, actionWithoutKey.StatusCode);
        Assert.Contains(id, page, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/", page, StringComparison.Ordinal);
        Assert.Contains(id, pageByAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_On_WithUrlsConfigured_ListensWhereUrlsSay_NotOnAllInterfaces()
    {
        await using var host = await RunningHost.StartAsync(
            azurite, "test-key-456", extraSettings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" }, port: null);

        Assert.All(host.App.Urls, a => Assert.Contains("127.0.0.1", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_And_RaiseEvent_OverTheConfiguredLimits_Are413ProblemDetails_NamingTheSetting()
    {
        await using var host = await RunningHost.StartAsync(azurite, extraSettings: new Dictionary<string, string?>
        {
            ["Baton:Http:MaxInputBytes"] = "4096",
            ["Baton:Http:MaxEventBytes"] = "4096",
        });
        var big = new string('x', 8192);

        using var start = await host.Http.PostAsync("/api/workflows/research-report", Json($"{{\"topic\":\"{big}\",\"approvers\":[\"a@example.com\"]}}"));
        var id = await host.StartResearchAsync();
        using var raise = await host.Http.PostAsync(Instances + id + "/raiseEvent/anything", Json($"\"{big}\""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, start.StatusCode);
        Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Baton:Http:MaxInputBytes", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, raise.StatusCode);
        Assert.Contains("Baton:Http:MaxEventBytes", (await raise.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a%2Fb")]
    [InlineData("tab%09id")]
    public async Task Start_WithAnInstanceIdThatCannotBeAddressed_Is400NamingInstanceId(string instanceId)
    {
        await using var host = await RunningHost.StartAsync(azurite);

        using var start = await host.Http.PostAsync(
            "/api/workflows/research-report?instanceId=" + instanceId, Json("{\"topic\":\"x\",\"approvers\":[\"a@example.com\"]}"));
        var problem = await start.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Equal("instanceId", problem.GetProperty("field").GetString());
        Assert.DoesNotContain("(Parameter", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_ReportsStorage()
    {
        await using var host = await RunningHost.StartAsync(azurite);

        using var ready = await host.Http.GetAsync("/health/ready");
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Keys_Off_BindsLoopbackOnlyAndNeedsNoKey()
    {
        await using var host = await RunningHost.StartAsync(azurite);
        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        using var list = await anonymous.GetAsync(Instances);
        using var schedules = await anonymous.GetAsync("/api/schedules");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, schedules.StatusCode);
        Assert.StartsWith("http://127.0.0.1:", host.BaseUrl, StringComparison.Ordinal);
        var addresses = host.App.Urls;
        Assert.All(addresses, a => Assert.True(a.Contains("127.0.0.1", StringComparison.Ordinal) || a.Contains("localhost", StringComparison.Ordinal), a));
    }

    [Fact]
    public async Task Shutdown_DuringARun_RunFinishesAfterRestart()
    {
        var hub = AzuriteFixture.NewHubName("Restart");
        var data = Path.Combine(Path.GetTempPath(), "baton-host-tests", hub);
        string id;
        JsonElement waiting;
        await using (var first = await RunningHost.StartAsync(azurite, hubName: hub, dataDirectory: data))
        {
            id = await first.StartResearchAsync();
            waiting = await first.AwaitingApprovalAsync(id);
        }

        await using var second = await RunningHost.StartAsync(azurite, hubName: hub, dataDirectory: data);
        var link = second.ApprovalLink(waiting);
        using var approve = await second.Http.PostAsJsonAsync(link, new { approved = true });
        var done = await second.FinishedAsync(id);

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Published", done.GetProperty("output").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Shutdown_RightAfterTheStart_NothingIsLostAndTheRunFinishesAfterRestart()
    {
        var hub = AzuriteFixture.NewHubName("Stop");
        var data = Path.Combine(Path.GetTempPath(), "baton-host-tests", hub);

        // Messages a stopping process had taken stay hidden in their queues until their visibility timeout ends;
        // a short one keeps the wait for the second host well inside the test's deadline.
        var quickRedelivery = new Dictionary<string, string?>
        {
            ["extensions:durableTask:WorkItemVisibilityTimeout"] = "00:00:10",
            ["extensions:durableTask:ControlQueueVisibilityTimeout"] = "00:00:10",
        };
        string id;
        await using (var first = await RunningHost.StartAsync(azurite, hubName: hub, dataDirectory: data, extraSettings: quickRedelivery))
        {
            // Stopped wherever the run happens to be: queued, mid-activity or mid-step.
            id = await first.StartResearchAsync();
        }

        await using var second = await RunningHost.StartAsync(azurite, hubName: hub, dataDirectory: data, extraSettings: quickRedelivery);
        var waiting = await second.AwaitingApprovalAsync(id);
        using var approve = await second.Http.PostAsJsonAsync(second.ApprovalLink(waiting), new { approved = true });
        var done = await second.FinishedAsync(id);
        var history = await second.Http.GetFromJsonAsync<JsonElement>(Instances + id + "?showHistory=true");

        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Published", done.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Single(history.GetProperty("historyEvents").EnumerateArray(), e => e.GetProperty("EventType").GetString() == "ExecutionStarted");
        Assert.Single(history.GetProperty("historyEvents").EnumerateArray(), e => e.TryGetProperty("FunctionName", out var f) && f.GetString() == "PublishReport");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
