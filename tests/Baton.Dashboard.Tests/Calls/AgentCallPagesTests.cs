using System.Text.RegularExpressions;
using Baton.Agents;
using Baton.Dashboard.Tests.Hosting;
using Baton.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Dashboard.Tests.Calls;

/// <summary>Spend and agent calls read from the call records, over real HTTP on the in-memory engine.</summary>
public sealed partial class AgentCallPagesTests
{
    // Three calls (one by the drafter, two by the checker in the sub-workflow) of 1,000 in and 200 out tokens at
    // gpt-4.1-mini's default price ($0.40 and $1.60 per million): 3 x $0.00072.
    private const string ParentTokens = "3,600";
    private const string ParentCost = "$0.0022";

    [Fact]
    public async Task RunPage_CustomWorkflowWithSubWorkflow_ShowsTokensAndCostOfBothFromCallRecords()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var id = await app.StartContractReviewAsync();
        var done = await app.CompletionAsync(id);
        var child = (await app.Client.GetInstanceHistoryAsync(id))!.Single(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated).InstanceId!;

        var parentPage = await app.Http.GetStringAsync(app.Url("/dashboard/runs/" + id));
        var childPage = await app.Http.GetStringAsync(app.Url("/dashboard/runs/" + child));
        var runs = await app.Http.GetStringAsync(app.Url("/dashboard/runs"));
        var spend = await app.Http.GetStringAsync(app.Url("/dashboard/spend?range=24h"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Contains(ParentTokens + " (3,000 in / 600 out, 3 LLM calls)", Text(parentPage, "run-tokens"), StringComparison.Ordinal);
        Assert.StartsWith(ParentCost, Text(parentPage, "run-cost"), StringComparison.Ordinal);
        Assert.Contains("includes 1 sub-workflow", Text(parentPage, "run-cost"), StringComparison.Ordinal);
        Assert.Contains("2,400 (2,000 in / 400 out, 2 LLM calls)", Text(childPage, "run-tokens"), StringComparison.Ordinal);
        Assert.StartsWith("$0.0014", Text(childPage, "run-cost"), StringComparison.Ordinal);
        Assert.Matches($"data-instance-id=\"{Regex.Escape(id)}\"[\\s\\S]*?{ParentTokens}[\\s\\S]*?{Regex.Escape(ParentCost)}", runs);
        Assert.Equal(ParentTokens + "tokens", Text(spend, "spend-tokens"));
        Assert.Equal(ParentCost + "estimated cost", Text(spend, "spend-cost"));
        Assert.Equal("1runs", Text(spend, "spend-runs"));
    }

    [Fact]
    public async Task RunPage_AgentCallsWithToolsAndHostileMarkdown_RendersThemSafelyWithTheFailedToolMarkedFailed()
    {
        await using var app = await DashboardTestApp.StartAsync();
        var id = await app.StartContractReviewAsync();
        await app.CompletionAsync(id);
        var child = (await app.Client.GetInstanceHistoryAsync(id))!.Single(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCreated).InstanceId!;
        var records = await app.App.Services.GetRequiredService<IAgentCallLedger>().ListAsync(child);

        var page = await app.Http.GetStringAsync(app.Url("/dashboard/runs/" + child));

        Assert.Equal(4, records.Count);
        Assert.Equal([AgentCallKind.Model, AgentCallKind.Tool, AgentCallKind.Tool, AgentCallKind.Model], records.Select(r => r.Kind));
        Assert.All(records, r => Assert.Equal(id, r.ParentInstanceId));
        Assert.Equal("You check clauses against the template.", records[0].Instructions);
        Assert.Equal("gpt-4.1-mini", records[0].PriceSource);
        Assert.True(records.Single(r => r.ToolName == ScriptedChatClient.BrokenTool).IsError);
        Assert.Contains("<strong>liability cap</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<table>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>window.pwned", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Matches($"data-tool=\"{ScriptedChatClient.BrokenTool}\" data-status=\"failed\"", page);
        Assert.Matches($"data-tool=\"{ScriptedChatClient.LookupTool}\" data-status=\"completed\"", page);
        Assert.Matches("class=\"row step k-tool s-failed\"", page);
    }

    private static string Text(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</(dd|div)>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element #{id}");
        return WebUtility(TagRegex().Replace(match.Groups[1].Value, string.Empty)).Trim();
    }

    private static string WebUtility(string text) => System.Net.WebUtility.HtmlDecode(text);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();
}
