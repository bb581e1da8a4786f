using System.Net;
using System.Text;
using Baton.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Baton.Host.Tests;

public sealed class HostConfigurationTests
{
    [Fact]
    public void LocalSettingsFileRead_FunctionsFormat_FlattensValuesAndKeepsHostPort()
    {
        var file = Path.Combine(Path.GetTempPath(), "baton-local-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, """
            {
              "IsEncrypted": false,
              "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Baton__Approvals__SigningKey": "k", "Count": 3 },
              "Host": { "LocalHttpPort": 7072 }
            }
            """);
        try
        {
            var settings = LocalSettingsFile.Read(file);

            Assert.Equal("UseDevelopmentStorage=true", settings["AzureWebJobsStorage"]);
            Assert.Equal("k", settings["Baton:Approvals:SigningKey"]);
            Assert.Equal("3", settings["Count"]);
            Assert.Equal("7072", settings["Host:LocalHttpPort"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void LocalSettingsFileRead_Missing_IsEmpty()
    {
        Assert.Empty(LocalSettingsFile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "local.settings.json")));
    }

    [Fact]
    public void HostCommandLineParse_DemoInteractiveMemory_ReadsEachFlagAndPassesTheRestOn()
    {
        var parsed = HostCommandLine.Parse(["demo", "--interactive", "--store", "memory", "--port", "0", "--Baton:Host:Keys=a"]);

        Assert.True(parsed.Demo);
        Assert.True(parsed.Interactive);
        Assert.True(parsed.InMemory);
        Assert.Equal(0, parsed.Port);
        Assert.Equal(["--Baton:Host:Keys=a"], parsed.Rest);
        Assert.False(HostCommandLine.Parse([]).Demo);
        Assert.Throws<ArgumentException>(() => HostCommandLine.Parse(["--store", "floppy"]));
    }

    [Fact]
    public void HostKeysFrom_CommaSeparated_AcceptsEachKeyOnly()
    {
        var keys = HostKeys.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Baton:Host:Keys"] = "one, two" }).Build());
        var none = HostKeys.From(new ConfigurationBuilder().Build());

        Assert.True(keys.Enabled);
        Assert.Equal(2, keys.Count);
        Assert.True(keys.Accepts("two"));
        Assert.False(keys.Accepts("three"));
        Assert.False(keys.Accepts(null));
        Assert.False(none.Enabled);
        Assert.True(none.Accepts(null));
    }

    [Fact]
    public async Task Demo_InMemory_PublishesTheReportPrintsLinkAndTimelineAndExits0()
    {
        var data = Path.Combine(Path.GetTempPath(), "baton-demo-tests", Guid.NewGuid().ToString("N"));
        var output = new StringWriter();

        var code = await DemoCommand.RunAsync(new HostCommandLine(true, false, true, 0, []), output, new Dictionary<string, string?>
        {
            ["Baton:Host:DataDirectory"] = data,
            ["Baton:Approvals:DataDirectory"] = data,
            ["Baton:Approvals:OutboxDirectory"] = Path.Combine(data, "outbox"),
        });

        var text = output.ToString();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.True(code == 0, text);
        Assert.Contains("AwaitingApproval", text, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("/api/approvals/", StringComparison.Ordinal)); // one link for one approval
        Assert.Contains("POST approve: 200", text, StringComparison.Ordinal);
        Assert.Contains("InvokeAgent (writer)", text, StringComparison.Ordinal);
        Assert.Contains("read_document(path: sources/pricing/2025-q3-competitors.md) -> ok", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-> error", text, StringComparison.Ordinal);
        Assert.Contains("| - Northwind raised its enterprise plan price by 12 percent in July", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Write the report", text, StringComparison.Ordinal);
        var report = lines.Single(l => l.StartsWith("Report written to ", StringComparison.Ordinal))["Report written to ".Length..].Trim();
        Assert.StartsWith(Path.Combine(data, "reports"), report, StringComparison.Ordinal);
        Assert.True(File.Exists(report));
        Assert.Matches(@"^Dashboard: http://[^ ]+/dashboard$", lines[^1]);
    }

    [Fact]
    public async Task Demo_SupportTriage_EscalatesTheOutageThroughTheApprovedTicketAndExits0()
    {
        var data = Path.Combine(Path.GetTempPath(), "baton-demo-tests", Guid.NewGuid().ToString("N"));
        var output = new StringWriter();

        var code = await DemoCommand.RunAsync(new HostCommandLine(true, false, true, 0, []) { DemoWorkflow = "support-triage" }, output, new Dictionary<string, string?>
        {
            ["Baton:Host:DataDirectory"] = data,
            ["Baton:Approvals:DataDirectory"] = data,
            ["Baton:Approvals:OutboxDirectory"] = Path.Combine(data, "outbox"),
        });

        var text = output.ToString();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.True(code == 0, text);
        Assert.Single(lines, l => l.Contains("/api/approvals/", StringComparison.Ordinal));
        Assert.Contains("create_ticket(", text, StringComparison.Ordinal);
        Assert.Contains("classified Technical, urgency Critical, confidence 0.", text, StringComparison.Ordinal);
        Assert.Contains("escalated because urgency is Critical", text, StringComparison.Ordinal);
        Assert.Matches(@"ticket TKT-\d{8} created", text);
        Assert.Matches(@"^Dashboard: http://[^ ]+/dashboard$", lines[^1]);
    }

    [Theory]
    [InlineData(new[] { "demo" }, "research-report", false)]
    [InlineData(new[] { "demo", "support-triage", "--exit" }, "support-triage", true)]
    [InlineData(new[] { "demo", "--store", "memory" }, "research-report", false)]
    public void Parse_DemoArguments_NamesTheWorkflow(string[] args, string workflow, bool exit)
    {
        var commandLine = HostCommandLine.Parse(args);

        Assert.True(commandLine.Demo);
        Assert.Equal((workflow, exit), (commandLine.DemoWorkflow, commandLine.Exit));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class HostLoggingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Keys_On_NeverAppearInTheLogs()
    {
        const string Key = "secret-key-never-logged-42";
        var logs = new CapturedLogs();
        await using (var host = await RunningHost.StartAsync(azurite, Key, logging: l => l.AddProvider(logs), extraSettings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" }))
        {
            using var start = await host.Http.PostAsync("/api/workflows/research-report", new StringContent("{\"topic\":\"x\",\"approvers\":[\"a@example.com\"]}", Encoding.UTF8, "application/json"));
            using var refused = await new HttpClient().GetAsync(host.BaseUrl + "/runtime/webhooks/durabletask/instances?code=" + Key + "x");
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Contains(logs.Messages, m => m.Contains("Keys are on (1 configured)", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("[7115] Dashboard: http://", StringComparison.Ordinal) && m.Contains("/dashboard (open it once with ?code=KEY)", StringComparison.Ordinal));
        var leaks = logs.Messages.Where(m => m.Contains(Key, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal));
    }
}
