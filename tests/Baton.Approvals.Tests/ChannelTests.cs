using Baton.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Agents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Baton.Approvals.Tests;

public sealed class ChannelTests : IDisposable
{
    private readonly string outbox = Path.Combine(Path.GetTempPath(), "baton-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(TestSetup.Now);
    private readonly RecordingConsole console = new();
    private readonly CapturedLogs logs = new();

    public void Dispose()
    {
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    private ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Baton:Approvals:SigningKey", TestSetup.Key);
        settings.TryAdd("Baton:Approvals:PublicBaseUrl", "https://baton.example.com");
        settings.TryAdd("Baton:Approvals:OutboxDirectory", outbox);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IApprovalConsole>(console);
        services.AddSingleton<IApprovalNotifier, LoggingApprovalNotifier>();
        services.AddBatonApprovals(configuration);
        return services.BuildServiceProvider();
    }

    private static ApprovalTokenClaims ClaimsOf(IServiceProvider provider, Uri link)
    {
        var token = Uri.UnescapeDataString(link.AbsolutePath["/api/approvals/".Length..]);
        var result = provider.GetRequiredService<IApprovalTokenService>().Validate(token);
        Assert.Equal(ApprovalTokenStatus.Valid, result.Status);
        return result.Claims!;
    }

    [Fact]
    public async Task NotifyAsync_Outbox_WritesOneEmlPerApproverWithTheirLinkAndPrintsIt()
    {
        await using var provider = Provider([]);
        var notifier = provider.GetRequiredService<IApprovalNotifier>();
        Assert.IsType<ChannelApprovalNotifier>(notifier);

        await notifier.NotifyAsync(TestSetup.Notification(approvers: ["alice@example.com", "bob@example.com"]), CancellationToken.None);

        var files = Directory.GetFiles(outbox, "*.eml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        var messages = files.Select(f => MimeMessage.Load(f)).ToArray();
        Assert.Equal(["alice@example.com", "bob@example.com"], messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var message in messages)
        {
            var approver = message.To.Mailboxes.Single().Address;
            Assert.Equal("Approval needed: Send the refund email", message.Subject);
            var link = new Uri(System.Text.RegularExpressions.Regex.Match(message.TextBody!, @"https://baton\.example\.com/api/approvals/\S+").Value);
            Assert.Equal(new ApprovalTokenClaims("run-42", "approval-req1", approver, TestSetup.Now.AddDays(2), ClaimsOf(provider, link).Nonce), ClaimsOf(provider, link));
            Assert.Contains(link.AbsoluteUri, message.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("send_email", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;their refund&lt;/b&gt;", message.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("2026-03-04 09:00 UTC", message.TextBody, StringComparison.Ordinal);
            Assert.Contains(console.Lines, line => line.Contains(approver, StringComparison.Ordinal) && line.Contains(link.AbsoluteUri, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task NotifyAsync_SameRequestTwice_RewritesTheSameFile()
    {
        await using var provider = Provider([]);
        var notifier = provider.GetRequiredService<IApprovalNotifier>();

        await notifier.NotifyAsync(TestSetup.Notification(), CancellationToken.None);
        var first = Directory.GetFiles(outbox);
        await notifier.NotifyAsync(TestSetup.Notification(), CancellationToken.None);
        await notifier.NotifyAsync(TestSetup.Notification(ApprovalNotificationKind.Reminder, 1), CancellationToken.None);

        var all = Directory.GetFiles(outbox);
        Assert.Single(first);
        Assert.Equal(2, all.Length);
        Assert.Contains(first[0], all);
        Assert.Contains(all, f => f.EndsWith(".eml", StringComparison.Ordinal) && f.Contains("reminder-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_AnyChannel_NeverLogsTokensOrLinks()
    {
        await using var provider = Provider([]);

        await provider.GetRequiredService<IApprovalNotifier>().NotifyAsync(TestSetup.Notification(), CancellationToken.None);

        var link = Assert.Single(console.Lines).Split(' ').Last();
        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(token[..20], StringComparison.Ordinal) || m.Contains("/api/approvals/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_Smtp_DeliversTextAndHtmlWithTheLink()
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var provider = Provider(new()
        {
            ["Baton:Approvals:OutboxEnabled"] = "false",
            ["Baton:Smtp:Host"] = "127.0.0.1",
            ["Baton:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Baton:Smtp:UseStartTls"] = "false",
            ["Baton:Smtp:From"] = "Baton <baton@example.com>",
        });

        await provider.GetRequiredService<IApprovalNotifier>().NotifyAsync(
            TestSetup.Notification(ApprovalNotificationKind.Reminder, 2, "alice@example.com", "bob@example.com"),
            CancellationToken.None);

        var messages = await smtp.WaitForMessagesAsync(2);
        Assert.Equal(["<alice@example.com>", "<bob@example.com>"], smtp.Received.SelectMany(r => r.To).Order());
        Assert.All(smtp.Received, r => Assert.Equal("<baton@example.com>", r.From));
        foreach (var message in messages)
        {
            Assert.Equal("Reminder 2: approval needed: Send the refund email", message.Subject);
            Assert.Contains("reminder 2", message.TextBody, StringComparison.Ordinal);
            var link = new Uri(System.Text.RegularExpressions.Regex.Match(message.TextBody!, @"https://baton\.example\.com/api/approvals/\S+").Value);
            Assert.Equal(message.To.Mailboxes.Single().Address, ClaimsOf(provider, link).Approver);
            Assert.Contains(link.AbsoluteUri, message.HtmlBody, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(outbox));
    }

    [Fact]
    public async Task NotifyAsync_Teams_PostsAdaptiveCardWithApproveAndRejectLinks()
    {
        using var teams = WireMockServer.Start();
        teams.Given(Request.Create().WithPath("/webhook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("1"));
        await using var provider = Provider(new()
        {
            ["Baton:Approvals:OutboxEnabled"] = "false",
            ["Baton:Teams:WebhookUrl"] = teams.Url + "/webhook",
        });

        await provider.GetRequiredService<IApprovalNotifier>().NotifyAsync(TestSetup.Notification(ApprovalNotificationKind.Escalated), CancellationToken.None);

        var entry = Assert.Single(teams.LogEntries);
        var posted = JsonNode.Parse(entry.RequestMessage.Body!)!;
        Assert.Equal("message", (string?)posted["type"]);
        var attachment = posted["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("Escalated: approval needed: Send the refund email", (string?)card["body"]![0]!["text"]);
        var facts = card["body"]!.AsArray().Single(b => (string?)b!["type"] == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);
        Assert.Equal("alice@example.com", facts["Approver"]);
        Assert.Equal("2026-03-04 09:00 UTC", facts["Valid until"]);
        Assert.Equal("send_email", facts["Tool"]);
        Assert.Contains(card["body"]!.AsArray(), b => ((string?)b!["text"])?.Contains("customer@example.com", StringComparison.Ordinal) == true);
        var actions = card["actions"]!.AsArray();
        Assert.Equal(["Approve", "Reject"], actions.Select(a => (string)a!["title"]!));
        Assert.All(actions, a => Assert.Equal("Action.OpenUrl", (string?)a!["type"]));
        var approve = new Uri((string)actions[0]!["url"]!);
        var reject = new Uri((string)actions[1]!["url"]!);
        Assert.Equal("?decision=approve", approve.Query);
        Assert.Equal("?decision=reject", reject.Query);
        Assert.Equal(approve.AbsolutePath, reject.AbsolutePath);
        Assert.Equal("alice@example.com", ClaimsOf(provider, approve).Approver);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("/webhook", StringComparison.Ordinal) || m.Contains("/api/approvals/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_TeamsAnswersError_ThrowsAfterOtherChannelsDelivered()
    {
        using var teams = WireMockServer.Start();
        teams.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        await using var provider = Provider(new() { ["Baton:Teams:WebhookUrl"] = teams.Url + "/webhook" });

        var ex = await Assert.ThrowsAsync<AggregateException>(() =>
            provider.GetRequiredService<IApprovalNotifier>().NotifyAsync(TestSetup.Notification(), CancellationToken.None));

        var inner = Assert.IsType<HttpRequestException>(Assert.Single(ex.InnerExceptions));
        Assert.Contains("HTTP 500", inner.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(teams.Url!, inner.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(outbox, "*.eml"));
    }

    [Fact]
    public async Task NotifyAsync_NoChannelEnabled_CompletesAndWarns()
    {
        await using var provider = Provider(new() { ["Baton:Approvals:OutboxEnabled"] = "false" });

        await provider.GetRequiredService<IApprovalNotifier>().NotifyAsync(TestSetup.Notification(), CancellationToken.None);

        Assert.Contains(logs.Messages, m => m.Contains("no approval channel is enabled", StringComparison.Ordinal));
    }

    [Fact]
    public void CreateMessages_DuplicateRecipients_OneLinkPerDistinctApproverEachDifferent()
    {
        var options = TestSetup.Options(outbox);
        var notifier = new ChannelApprovalNotifier(
            [],
            new ApprovalTokenService(options, time),
            new ApprovalLinkBuilder(options),
            NullLogger<ChannelApprovalNotifier>.Instance);

        var messages = notifier.CreateMessages(TestSetup.Notification(approvers: ["a@example.com", "A@example.com", "b@example.com", " "]));

        Assert.Equal(["a@example.com", "b@example.com"], messages.Select(m => m.Approver));
        Assert.NotEqual(messages[0].Link, messages[1].Link);
    }

    [Fact]
    public async Task AddBatonApprovals_Configuration_BindsAllSections()
    {
        await using var provider = Provider(new()
        {
            ["Baton:Approvals:DataDirectory"] = "/tmp/x",
            ["Baton:Smtp:Host"] = "smtp.example.com",
            ["Baton:Smtp:Port"] = "2525",
            ["Baton:Teams:WebhookUrl"] = "https://teams.example.com/hook",
        });

        Assert.Equal("https://baton.example.com", provider.GetRequiredService<IOptions<ApprovalOptions>>().Value.PublicBaseUrl);
        Assert.Equal("/tmp/x", provider.GetRequiredService<IOptions<ApprovalOptions>>().Value.DataDirectory);
        Assert.Equal(2525, provider.GetRequiredService<IOptions<SmtpOptions>>().Value.Port);
        Assert.Equal(["outbox", "smtp", "teams"], provider.GetServices<IApprovalChannel>().Where(c => c.IsEnabled).Select(c => c.Name));
        Assert.Equal("https://baton.example.com/api/approvals/t.s", provider.GetRequiredService<IApprovalLinkBuilder>().Build("t.s").AbsoluteUri);
    }
}
