using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Http.Tests.Fakes;

namespace Baton.Http.Tests.Approvals;

public sealed class ApprovalLinkApiTests
{
    private static ApprovalLinkApi Api(ApprovalTestHost host) => new(host.Client, new FakeTokenService(), new ApprovalAntiforgery());

    private static string Token(string instanceId, string eventName, string kind = "valid") => $"{kind}|{instanceId}|{eventName}|{ApprovalTestHost.Approver}";

    [Fact]
    public async Task GetAsync_WaitingApproval_ShowsWhatIsAskedWithAntiforgeryAndRaisesNothing()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();

        var reply = await Api(host).GetAsync(Token(id, eventName));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(HttpReply.Html, reply.ContentType);
        Assert.Contains("Send the contract", reply.Body, StringComparison.Ordinal);
        Assert.Contains("Dear customer, the draft text.", reply.Body, StringComparison.Ordinal);
        Assert.Contains("AwaitingApproval: waiting for ann@example.com", reply.Body, StringComparison.Ordinal);
        Assert.Contains(ApprovalAntiforgery.FieldName, reply.Body, StringComparison.Ordinal);
        Assert.StartsWith(ApprovalAntiforgery.CookieName + "=", reply.Header("Set-Cookie"), StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Client.GetInstanceHistoryAsync(id) ?? [], e => e.EventType == HistoryEventType.EventRaised);
    }

    [Theory]
    [InlineData("tampered", 401, "not valid")]
    [InlineData("expired", 410, "expired")]
    public async Task GetAsync_BadToken_RefusesWithAPage(string kind, int status, string words)
    {
        await using var host = await ApprovalTestHost.StartAsync();

        var reply = await Api(host).GetAsync(Token("i", "e", kind));

        Assert.Equal(status, reply.StatusCode);
        Assert.Equal(HttpReply.Html, reply.ContentType);
        Assert.Contains(words, reply.Body, StringComparison.Ordinal);
        Assert.Contains("Nothing was recorded", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_FormWithAntiforgery_RecordsTheDecisionWithApproverCommentAndTime()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();
        var api = Api(host);
        var token = Token(id, eventName);
        var page = await api.GetAsync(token);
        var cookie = page.Header("Set-Cookie")!.Split(';')[0];
        var field = System.Text.RegularExpressions.Regex.Match(page.Body!, "name=\"__antiforgery\" value=\"([^\"]+)\"").Groups[1].Value;

        var reply = await api.PostAsync(token, "application/x-www-form-urlencoded", $"__antiforgery={field}&decision=reject&comment=Needs+a+summary", cookie);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(200, reply.StatusCode);
        Assert.Contains("Rejected", reply.Body, StringComparison.Ordinal);
        var decision = done.ReadOutputAs<ApprovalDecision>()!;
        Assert.False(decision.Approved);
        Assert.Equal(ApprovalTestHost.Approver, decision.Approver);
        Assert.Equal("Needs a summary", decision.Comment);
        Assert.NotEqual(default, decision.DecidedAt);
    }

    [Fact]
    public async Task PostAsync_FormWithoutAntiforgery_400AndNoEvent()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();

        var reply = await Api(host).PostAsync(Token(id, eventName), "application/x-www-form-urlencoded", "decision=approve", null);

        Assert.Equal(400, reply.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.DoesNotContain(await host.Client.GetInstanceHistoryAsync(id) ?? [], e => e.EventType == HistoryEventType.EventRaised);
    }

    [Fact]
    public async Task PostAsync_JsonTwice_SecondIs409AndOnlyOneEventIsRaised()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();
        var api = Api(host);

        var first = await api.PostAsync(Token(id, eventName), "application/json", "{\"approved\":true,\"comment\":\"fine\"}", null);
        await host.Client.WaitForInstanceCompletionAsync(id, false, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        var second = await api.PostAsync(Token(id, eventName), "application/json", "{\"approved\":false}", null);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(409, second.StatusCode);
        Assert.Equal(HttpReply.ProblemJson, second.ContentType);
        Assert.Single(await host.Client.GetInstanceHistoryAsync(id) ?? [], e => e.EventType == HistoryEventType.EventRaised);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public async Task PostAsync_QuickSecondPostFromAnotherApi_RecordedOnceOnlyWhenTheyShareRecentDecisions(bool shared, int raised)
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();
        var client = new HeldEventsClient(host.Client);
        var recent = new RecentApprovalDecisions();
        ApprovalLinkApi PerRequest() => new(client, new FakeTokenService(), new ApprovalAntiforgery(), recentDecisions: shared ? recent : null);

        var first = await PerRequest().PostAsync(Token(id, eventName), "application/json", "{\"approved\":true}", null);
        var second = await PerRequest().PostAsync(Token(id, eventName), "application/json", "{\"approved\":false}", null);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(shared ? 409 : 200, second.StatusCode);
        Assert.Equal(raised, client.Raised);
    }

    [Fact]
    public void RecentApprovalDecisions_ClaimOlderThanTenMinutes_CanBeClaimedAgain()
    {
        var recent = new RecentApprovalDecisions();
        var start = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

        Assert.True(recent.TryClaim("i", "approval", start));
        Assert.False(recent.TryClaim("I", "APPROVAL", start.AddMinutes(9)));
        Assert.True(recent.TryClaim("i", "other", start.AddMinutes(9)));
        Assert.True(recent.TryClaim("i", "approval", start.AddMinutes(11)));
        recent.Release("i", "approval");
        Assert.True(recent.TryClaim("i", "approval", start.AddMinutes(11)));
    }

    [Fact]
    public async Task PostAsync_JsonWithoutDecision_400NamingTheField()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();

        var reply = await Api(host).PostAsync(Token(id, eventName), "application/json", "{\"comment\":\"?\"}", null);

        Assert.Equal(400, reply.StatusCode);
        using var body = JsonDocument.Parse(reply.Body!);
        Assert.Equal("$.approved", body.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task PostAsync_FinishedRun_409NoLongerWaiting()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();
        await host.Client.TerminateInstanceAsync(id);
        await host.Client.WaitForInstanceCompletionAsync(id, false, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        var reply = await Api(host).PostAsync(Token(id, eventName), "application/json", "{\"approved\":true}", null);

        Assert.Equal(409, reply.StatusCode);
        Assert.Contains("finished", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_Pending_ListsWhatWaitsForWhom()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();
        var api = Api(host);

        var all = await api.ListAsync("pending", null);
        var forSomeoneElse = await api.ListAsync("pending", "bob@example.com");
        var badStatus = await api.ListAsync("done", null);

        using var list = JsonDocument.Parse(all.Body!);
        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(id, item.GetProperty("instanceId").GetString());
        Assert.Equal(eventName, item.GetProperty("eventName").GetString());
        Assert.Equal(ApprovalTestHost.Approver, item.GetProperty("approvers")[0].GetString());
        Assert.Equal("[]", forSomeoneElse.Body);
        Assert.Equal(400, badStatus.StatusCode);
    }
}
