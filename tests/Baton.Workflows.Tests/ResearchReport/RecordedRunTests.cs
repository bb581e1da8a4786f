using System.Runtime.CompilerServices;
using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Workflows.Tests.ResearchReport;

/// <summary>
/// A research-report run recorded once (against the offline model; the format is the same for Azure OpenAI) and kept
/// under Recordings/research-report: replayed with every model replaced by one that fails, it gives the recorded report.
/// Set BATON_RECORD_RUNS=1 to record it again into the source tree.
/// </summary>
public sealed class RecordedRunTests
{
    private const string Approver = "maria@example.com";
    private const string InstanceId = "recorded-research-report";

    private static readonly string[] ModelKeys = ["research", "analysis", "writing"];

    private static string Fixture([CallerFilePath] string here = "") =>
        Environment.GetEnvironmentVariable("BATON_RECORD_RUNS") == "1"
            ? Path.Combine(Path.GetDirectoryName(here)!, "..", "Recordings", "research-report")
            : Path.Combine(AppContext.BaseDirectory, "Recordings", "research-report");

    private static async Task<ResearchReportOutput> RunAsync(Action<AgentsBuilder> agents)
    {
        await using var test = await WorkflowTestHost.StartAsync(agents);
        await test.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.ResearchReport,
            new ResearchReportInput("Competitor pricing changes in Q3", [Approver]),
            new StartOrchestrationOptions(InstanceId));
        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.Client.RaiseEventAsync(InstanceId, requested.Request.EventName, new ApprovalDecision(true, Approver, null, test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(InstanceId);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        return done.ReadOutputAs<ResearchReportOutput>()!;
    }

    private static long RecordedTokens(string folder) =>
        Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("response"))
            .Sum(r => r.GetProperty("inputTokens").GetInt64() + r.GetProperty("outputTokens").GetInt64());

    [Fact]
    public async Task Replay_RecordedResearchReport_GivesTheRecordedReportWithoutCallingAModel()
    {
        var folder = Fixture();
        if (Environment.GetEnvironmentVariable("BATON_RECORD_RUNS") == "1")
        {
            var recorded = await RunAsync(agents => agents.RecordModelCalls(folder));
            await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), recorded.Markdown);
        }

        var output = await RunAsync(agents =>
        {
            agents.ReplayModelCalls(folder);
            foreach (var key in ModelKeys)
            {
                agents.UseChatClient(key, _ => new FailingChatClient());
            }
        });

        var live = await RunAsync(_ => { });

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(folder, "report.md")), output.Markdown);
        Assert.Equal(ReportOutcome.Published, output.Outcome);
        Assert.Equal(5, Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Length); // 3 researcher calls, analyst, writer
        Assert.Equal(live.Markdown, output.Markdown);
        Assert.Equal(live.Findings.Findings, output.Findings.Findings);
        Assert.Equal(RecordedTokens(folder), output.Spend.TotalTokens); // the recorded usage, not a recount
    }
}
