using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Http.Tests.Fakes;

namespace Baton.Http.Tests.Approvals;

public sealed class ApprovalLinkApiTests
{
    private static ApprovalLinkApi Api(ApprovalTestHost host) => new(host.Decider(), new FakeTokenService(), new ApprovalAntiforgery());

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
        Assert.Equal(ApprovalChannels.Link, decision.Channel);
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

    [Fact]
    public async Task PostAsync_SecondPostThroughAnotherProcessBeforeTheEventArrives_409AndOneRaise()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();
        var held = new HeldEventsClient(host.Client);
        ApprovalLinkApi Process() => new(host.Decider(held), new FakeTokenService(), new ApprovalAntiforgery());

        var first = await Process().PostAsync(Token(id, eventName), "application/json", "{\"approved\":true}", null);
        var second = await Process().PostAsync(Token(id, eventName), "application/json", "{\"approved\":false}", null);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(409, second.StatusCode);
        using var problem = JsonDocument.Parse(second.Body!);
        Assert.Equal(ApprovalTestHost.Approver, problem.RootElement.GetProperty("decidedBy").GetString());
        Assert.True(problem.RootElement.GetProperty("approved").GetBoolean());
        Assert.Equal(1, held.Raised);
    }

    [Fact]
    public async Task PostAsync_FiftyConcurrentMixedDecisions_ExactlyOneWinsAndTheRunFollowsIt()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            new ApprovalLinkApi(host.Decider(), new FakeTokenService(), new ApprovalAntiforgery())
                .PostAsync(Token(id, eventName), "application/json", i % 2 == 0 ? "{\"approved\":true}" : "{\"approved\":false}", null))));
        var done = await Baton.Testing.Eventually.CompletionAsync(host.Client, id, TimeSpan.FromSeconds(30));

        var winner = Assert.Single(replies, r => r.StatusCode == 200);
        Assert.All(replies.Where(r => r != winner), r => Assert.Equal(409, r.StatusCode));
        using var won = JsonDocument.Parse(winner.Body!);
        Assert.Equal(won.RootElement.GetProperty("approved").GetBoolean(), done.ReadOutputAs<ApprovalDecision>()!.Approved);
        Assert.Single(await host.Client.GetInstanceHistoryAsync(id) ?? [], e => e.EventType == HistoryEventType.EventRaised);
    }

    [Fact]
    public async Task PostAsync_CrashBetweenLedgerAndRaise_NextRequestForTheLinkDeliversTheDecision()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();
        var crashing = new ApprovalLinkApi(
            host.Decider(configure: o => o.BeforeRaise = (_, _) => throw new InvalidOperationException("process died")),
            new FakeTokenService(),
            new ApprovalAntiforgery());

        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.PostAsync(Token(id, eventName), "application/json", "{\"approved\":false,\"comment\":\"no\"}", null));
        Assert.True((await host.Ledger.GetAsync(id, eventName))!.AwaitsDelivery);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        var fresh = new ApprovalLinkApi(host.Decider(configure: o => o.DeliveryGrace = TimeSpan.Zero), new FakeTokenService(), new ApprovalAntiforgery());
        var page = await fresh.GetAsync(Token(id, eventName));
        var done = await Baton.Testing.Eventually.CompletionAsync(host.Client, id, TimeSpan.FromSeconds(30));

        Assert.Equal(409, page.StatusCode);
        Assert.Contains("already rejected", page.Body, StringComparison.Ordinal);
        Assert.Equal(("no", false), (done.ReadOutputAs<ApprovalDecision>()!.Comment, done.ReadOutputAs<ApprovalDecision>()!.Approved));
        var record = (await host.Ledger.GetAsync(id, eventName))!;
        Assert.NotNull(record.AcknowledgedAt);
    }

    [Fact]
    public async Task PostAsync_ApproverNotOnTheList_403RecordedAsRefusedAndTheRunKeepsWaiting()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();

        var reply = await Api(host).PostAsync($"valid|{id}|{eventName}|mallory@example.com", "application/json", "{\"approved\":true}", null);

        Assert.Equal(403, reply.StatusCode);
        var record = (await host.Ledger.GetAsync(id, eventName))!;
        Assert.Equal(ApprovalStatus.Pending, record.Status);
        Assert.Equal("mallory@example.com", Assert.Single(record.Refusals).Approver);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task PostAsync_EditsWhereTheStepAllowsThem_TheRunGetsTheEditedText()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync(allowEdits: true);
        var page = await Api(host).GetAsync(Token(id, eventName));

        var reply = await Api(host).PostAsync(Token(id, eventName), "application/json", "{\"approved\":true,\"edited\":\"Dear customer, the better text.\"}", null);
        var done = await Baton.Testing.Eventually.CompletionAsync(host.Client, id, TimeSpan.FromSeconds(30));

        Assert.Contains("id=\"edited\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("Dear customer, the better text.", done.ReadOutputAs<ApprovalDecision>()!.EditedText);
        Assert.Equal("Dear customer, the better text.", (await host.Ledger.GetAsync(id, eventName))!.Decision!.EditedText);
    }

    [Fact]
    public async Task PostAsync_EditsWhereTheStepDoesNotAllowThem_400NamingTheField()
    {
        await using var host = await ApprovalTestHost.StartAsync();
        var (id, eventName) = await host.StartWaitingAsync();

        var reply = await Api(host).PostAsync(Token(id, eventName), "application/json", "{\"approved\":true,\"edited\":\"Something else\"}", null);

        Assert.Equal(400, reply.StatusCode);
        using var body = JsonDocument.Parse(reply.Body!);
        Assert.Equal("edited", body.RootElement.GetProperty("field").GetString());
        Assert.Equal(ApprovalStatus.Pending, (await host.Ledger.GetAsync(id, eventName))!.Status);
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
        await api.PostAsync(Token(id, eventName), "application/json", "{\"approved\":true}", null);
        var decided = await api.ListAsync("decided", null);
        var pendingAfter = await api.ListAsync("pending", null);

        using var list = JsonDocument.Parse(all.Body!);
        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(id, item.GetProperty("instanceId").GetString());
        Assert.Equal(eventName, item.GetProperty("eventName").GetString());
        Assert.Equal(ApprovalTestHost.Approver, item.GetProperty("approvers")[0].GetString());
        Assert.Equal("[]", forSomeoneElse.Body);
        Assert.Equal(400, badStatus.StatusCode);
        using var decidedList = JsonDocument.Parse(decided.Body!);
        var decision = Assert.Single(decidedList.RootElement.EnumerateArray()).GetProperty("decision");
        Assert.Equal(ApprovalTestHost.Approver, decision.GetProperty("approver").GetString());
        Assert.Equal(ApprovalChannels.Link, decision.GetProperty("channel").GetString());
        Assert.Equal("[]", pendingAfter.Body);
    }
}
