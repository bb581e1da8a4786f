using Baton.Testing;
using System.Text.Json.Nodes;
using Baton.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Baton.Workflows.Tests.Publishing;

public sealed class PublishReportAnnouncementTests
{
    private static readonly PublishReportRequest Report = new(
        "run-42",
        "Q3 pricing: what changed",
        "# Q3 pricing: what changed\n\nTwo competitors cut list prices by 10% this quarter.\n\n## Details\n\nMore text.",
        "alice@example.com",
        new DateTime(2026, 1, 5, 9, 30, 0, DateTimeKind.Utc),
        "bob@example.com");

    [Fact]
    public async Task RunAsync_TeamsWebhookConfigured_PostsCardWithTitleLocationAndOpenUrl()
    {
        using var teams = WireMockServer.Start();
        teams.Given(Request.Create().WithPath("/webhook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("1"));
        await using var provider = Provider(new()
        {
            ["Baton:Teams:WebhookUrl"] = teams.Url + "/webhook",
            ["Baton:Reports:PublicBaseUrl"] = "https://files.example.com/reports",
        });

        var published = await Activity(provider).RunAsync(new ActivityContext(Report.InstanceId), Report);

        Assert.True(published.Announced);
        Assert.Null(published.AnnouncementError);
        var entry = Assert.Single(teams.LogEntries);
        var message = JsonNode.Parse(entry.RequestMessage.Body!)!;
        var card = message["attachments"]![0]!["content"]!;
        Assert.Equal(TeamsReportCard.ContentType, message["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        var texts = card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "TextBlock").Select(b => b!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("Report published: Q3 pricing: what changed", texts);
        Assert.Contains(texts, t => t.StartsWith("Two competitors cut list prices", StringComparison.Ordinal));
        var facts = Facts(card);
        Assert.Equal(published.Location, facts["Location"]);
        Assert.Equal("reports/2026/01/05/q3-pricing-what-changed-run-42.md", facts["Location"]);
        Assert.Equal(PublishReportActivity.PathFor(Report), facts["Report path"]);
        Assert.Equal("alice@example.com", facts["Approved by"]);
        Assert.Equal("bob@example.com", facts["Requested by"]);
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", action["type"]!.GetValue<string>());
        Assert.Equal("https://files.example.com/reports/2026/01/05/q3-pricing-what-changed-run-42.md", action["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_NoPublicBaseUrl_CardShowsLocationWithoutAction()
    {
        using var teams = WireMockServer.Start();
        teams.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using var provider = Provider(new() { ["Baton:Teams:WebhookUrl"] = teams.Url + "/webhook" });

        var published = await Activity(provider).RunAsync(new ActivityContext(Report.InstanceId), Report);

        Assert.True(published.Announced);
        var card = JsonNode.Parse(Assert.Single(teams.LogEntries).RequestMessage.Body!)!["attachments"]![0]!["content"]!;
        Assert.Null(card["actions"]);
        Assert.Equal(published.Location, Facts(card)["Location"]);
    }

    [Fact]
    public async Task RunAsync_NoWebhookConfigured_PostsNothingAndReportsNotAnnounced()
    {
        using var teams = WireMockServer.Start();
        teams.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
        await using var provider = Provider([]);

        var published = await Activity(provider).RunAsync(new ActivityContext(Report.InstanceId), Report);

        Assert.IsType<NullReportAnnouncer>(provider.GetRequiredService<IReportAnnouncer>());
        Assert.False(published.Announced);
        Assert.Null(published.AnnouncementError);
        Assert.Empty(teams.LogEntries);
        Assert.Equal(Report.Markdown, await provider.GetRequiredService<ReportStore>().Documents.ReadAsync(published.Path));
    }

    [Fact]
    public async Task RunAsync_WebhookAnswers500_ReportStillPublishedAndFailureRecordedWithoutUrl()
    {
        using var teams = WireMockServer.Start();
        teams.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        var webhook = teams.Url + "/webhook/secret-token-123";
        var logs = new CapturedLogs();
        await using var provider = Provider(new() { ["Baton:Teams:WebhookUrl"] = webhook }, logs);

        var published = await Activity(provider).RunAsync(new ActivityContext(Report.InstanceId), Report);

        Assert.Single(teams.LogEntries);
        Assert.Equal("reports/" + PublishReportActivity.PathFor(Report), published.Location);
        Assert.Equal(Report.Markdown, await provider.GetRequiredService<ReportStore>().Documents.ReadAsync(published.Path));
        Assert.False(published.Announced);
        Assert.Contains("HTTP 500", published.AnnouncementError, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-123", published.AnnouncementError, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("not announced", StringComparison.Ordinal));
        Assert.All(logs.Entries, e => Assert.DoesNotContain("secret-token-123", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WebhookUnreachable_ReportStillPublishedAndFailureRecordedWithoutUrl()
    {
        string webhook;
        using (var stopped = WireMockServer.Start())
        {
            webhook = stopped.Url + "/webhook/secret-token-456";
        }

        var logs = new CapturedLogs();
        await using var provider = Provider(new() { ["Baton:Teams:WebhookUrl"] = webhook }, logs);

        var published = await Activity(provider).RunAsync(new ActivityContext(Report.InstanceId), Report);

        Assert.Equal(Report.Markdown, await provider.GetRequiredService<ReportStore>().Documents.ReadAsync(published.Path));
        Assert.False(published.Announced);
        Assert.Contains("could not be reached", published.AnnouncementError, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-456", published.AnnouncementError, StringComparison.Ordinal);
        Assert.All(logs.Entries, e => Assert.DoesNotContain("secret-token-456", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RepeatedAttempt_PostsTheSameReportPathEachTime()
    {
        using var teams = WireMockServer.Start();
        teams.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using var provider = Provider(new() { ["Baton:Teams:WebhookUrl"] = teams.Url + "/webhook" });
        var activity = Activity(provider);

        var first = await activity.RunAsync(new ActivityContext(Report.InstanceId), Report);
        var second = await activity.RunAsync(new ActivityContext(Report.InstanceId), Report);

        Assert.Equal(first, second);
        var paths = teams.LogEntries.Select(e => Facts(JsonNode.Parse(e.RequestMessage.Body!)!["attachments"]![0]!["content"]!)["Report path"]).ToList();
        Assert.Equal([first.Path, first.Path], paths);
    }

    [Fact]
    public void Summarize_LongReport_SkipsHeadingsAndCutsAtAWord()
    {
        var markdown = "# Title\n\n" + string.Join(' ', Enumerable.Repeat("word", 200));

        var summary = ReportAnnouncement.Summarize(markdown);

        Assert.StartsWith("word word", summary, StringComparison.Ordinal);
        Assert.EndsWith("word…", summary, StringComparison.Ordinal);
        Assert.True(summary.Length <= ReportAnnouncement.MaxSummaryLength + 1, summary.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> Facts(JsonNode card) =>
        card["body"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "FactSet")
            .SelectMany(b => b!["facts"]!.AsArray())
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());

    private static ServiceProvider Provider(Dictionary<string, string?> settings, CapturedLogs? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(builder =>
            {
                builder.SetMinimumLevel(LogLevel.Trace);
                if (logs is not null)
                {
                    builder.AddProvider(logs);
                }
            })
            .AddBatonWorkflows();
        return services.BuildServiceProvider();
    }

    private static PublishReportActivity Activity(IServiceProvider provider)
    {
        Assert.True(new DurableTaskRegistry().AddBatonWorkflows().TryCreateActivity(WorkflowNames.PublishReportActivity, provider, out var activity));
        return Assert.IsType<PublishReportActivity>(activity);
    }

    private sealed class ActivityContext(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => WorkflowNames.PublishReportActivity;

        public override string InstanceId => instanceId;
    }
}
