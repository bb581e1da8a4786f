using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows.Tests.Catalog;

public sealed class WorkflowCatalogTests
{
    [Fact]
    public void BuiltIn_EveryWorkflow_HasAnOrchestratorRegisteredUnderItsNameWithItsTypes()
    {
        var registry = new DurableTaskRegistry().AddBatonWorkflows();
        using var services = new ServiceCollection().AddLogging().AddBatonWorkflows().BuildServiceProvider();

        foreach (var workflow in WorkflowCatalog.BuiltIn)
        {
            Assert.True(registry.TryCreateOrchestrator(workflow.Name, services, out var orchestrator), workflow.Name);
            Assert.Equal(workflow.InputType, orchestrator!.InputType);
            Assert.Equal(workflow.OutputType, orchestrator.OutputType);
            Assert.Equal(workflow.Name, DurableTaskRegistry.GetTaskName(orchestrator.GetType()).Name);
            Assert.False(string.IsNullOrWhiteSpace(workflow.Description));
        }

        Assert.True(registry.HasActivity(WorkflowNames.PublishReportActivity));
        Assert.True(registry.HasActivity(AgentActivityNames.InvokeAgent));
    }

    [Fact]
    public void AddBatonWorkflows_CalledTwice_RegistersEveryAgentAndToolOnce()
    {
        using var services = new ServiceCollection().AddBatonWorkflows().AddBatonWorkflows().BuildServiceProvider();

        var agents = services.GetRequiredService<AgentCatalog>();
        var tools = services.GetRequiredService<ToolCatalog>();

        Assert.Equal(WorkflowAgents.All.Select(a => a.Name).Order(StringComparer.OrdinalIgnoreCase), agents.Names);
        Assert.Contains(DocumentTools.SearchToolName, tools.Names);
        Assert.All(agents.Agents.SelectMany(a => a.Tools), tool => Assert.Contains(tool, tools.Names));
        Assert.Equal(ReportStore.DefaultName, services.GetRequiredService<ReportStore>().Name);
        Assert.Equal(WorkflowCatalog.BuiltIn.Count, services.GetRequiredService<WorkflowCatalog>().Workflows.Count);
    }

    [Fact]
    public void AddBatonWorkflows_AgentRegisteredBefore_KeepsTheHostsDefinition()
    {
        var mine = WorkflowAgents.Writer with { Instructions = "Write in French." };
        using var services = new ServiceCollection().AddBatonAgents(a => a.AddAgent(mine)).AddBatonWorkflows().BuildServiceProvider();

        Assert.Equal("Write in French.", services.GetRequiredService<AgentCatalog>().Get(WorkflowAgentNames.Writer).Instructions);
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingTheKnownWorkflows()
    {
        var catalog = new WorkflowCatalog(WorkflowCatalog.BuiltIn);

        var failure = Assert.Throws<WorkflowNotFoundException>(() => catalog.Get("nope"));

        Assert.Contains("parallel-review, research-report", failure.Message, StringComparison.Ordinal);
        Assert.Same(catalog.Get("RESEARCH-REPORT"), catalog.Get(WorkflowNames.ResearchReport));
    }

    [Fact]
    public void PathFor_Request_IsDatedSluggedAndStable()
    {
        var request = new PublishReportRequest("abc:123", "Q3 pricing — what changed?", "# x", "maria", new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc));

        Assert.Equal("2026/01/05/q3-pricing-what-changed-abc-123.md", PublishReportActivity.PathFor(request));
        Assert.Equal(PublishReportActivity.PathFor(request), PublishReportActivity.PathFor(request with { Markdown = "# y" }));
    }
}
