using Baton.Agents;
using Baton.Durable;
using Baton.Workflows;

namespace Baton.Dashboard.Tests.Spend;

/// <summary>Spend totals per workflow and per agent.</summary>
public sealed class SpendReaderTests
{
    private static OrchestrationMetadata Run(string workflow, params (string Agent, long In, long Out, decimal Cost)[] calls)
    {
        var spend = new RunSpend();
        foreach (var (agent, input, output, cost) in calls)
        {
            spend.Add(agent, new AgentUsage(input, output, cost));
        }

        return new OrchestrationMetadata(workflow, Guid.NewGuid().ToString("N"))
        {
            SerializedCustomStatus = JsonDataConverter.Default.Serialize(new WorkflowStatus(workflow, "Done", string.Empty, spend)),
        };
    }

    [Fact]
    public void Summarize_SeveralRuns_SumsPerWorkflowAndPerAgentLargestFirst()
    {
        var runs = new[]
        {
            Run("research-report", ("researcher", 100, 10, 0.1m), ("writer", 500, 200, 0.7m)),
            Run("research-report", ("researcher", 50, 5, 0.05m)),
            Run("support-triage", ("classifier", 40, 4, 0.01m)),
            new OrchestrationMetadata("plain", "p1"),
        };

        var report = SpendReader.Summarize(runs, truncated: false);

        Assert.Equal(["research-report", "support-triage", "plain"], report.ByWorkflow.Select(b => b.Label));
        var research = report.ByWorkflow[0];
        Assert.Equal(865, research.TotalTokens);
        Assert.Equal(0.85m, research.EstimatedCost);
        Assert.Equal(2, research.Count);
        Assert.Equal(["writer", "researcher", "classifier"], report.ByAgent.Select(b => b.Label));
        Assert.Equal(2, report.ByAgent.Single(b => b.Label == "researcher").Count);
        Assert.Equal(909, report.TotalTokens);
        Assert.Equal(4, report.Runs);
    }

    [Fact]
    public void Render_Bars_ScalesToTheLargestAndEncodesLabels()
    {
        var svg = SvgBarChart.Render("c", "chart", [new SpendBar("<big>", 900, 100, 1m, 3), new SpendBar("small", 50, 0, 0m, 1)], "$", "runs");

        Assert.Contains("&lt;big&gt;", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<big>", svg, StringComparison.Ordinal);
        Assert.Contains("data-tokens=\"1000\"", svg, StringComparison.Ordinal);
        Assert.Contains("1,000 tok · $1.00 · 3 runs", svg, StringComparison.Ordinal);
    }
}
