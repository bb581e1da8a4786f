using Baton.Agents;
using Baton.Durable;
using Baton.Workflows;

namespace Baton.Dashboard.Tests.Runs;

/// <summary>Reading the workflow custom status the engine stores.</summary>
public sealed class RunStatusViewTests
{
    [Fact]
    public void Read_WorkflowStatusAsStored_GivesStateStepSpendAndPendingApproval()
    {
        var spend = new RunSpend();
        spend.Add("researcher", new AgentUsage(100, 20, 0.5m));
        spend.Add("writer", new AgentUsage(300, 80, 1.25m));
        var stored = JsonDataConverter.Default.Serialize(new WorkflowStatus("research-report", "AwaitingApproval", "report ready", spend) { PendingApprovalEvent = "approval-9" });

        var view = RunStatusView.Read(stored);

        Assert.Equal("AwaitingApproval", view.State);
        Assert.Equal("report ready", view.Step);
        Assert.Equal("approval-9", view.PendingApprovalEvent);
        Assert.Equal(500, view.Spend.TotalTokens);
        Assert.Equal(1.75m, view.Spend.EstimatedCost);
        Assert.Equal(2, view.Spend.Calls);
        Assert.Equal(380, view.Spend.Agents["WRITER"].TotalTokens);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    public void Read_NoObject_GivesBlanks(string? stored)
    {
        var view = RunStatusView.Read(stored);

        Assert.Null(view.State);
        Assert.False(view.Spend.IsKnown);
    }

    [Fact]
    public void Read_PlainString_ShowsItAsTheStep()
    {
        Assert.Equal("halfway", RunStatusView.Read("\"halfway\"").Step);
    }
}
