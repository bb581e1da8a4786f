using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Workflows.Tests.Hierarchical;

/// <summary>hierarchical end to end on the in-memory engine: the lead plans, sub-teams run as sub-orchestrations, the lead synthesises.</summary>
public sealed class HierarchicalWorkflowTests
{
    private const string Task = "Prepare the launch of the Northwind partnership: check the draft contract and discuss the announcement.";

    private static readonly string Plan = JsonSerializer.Serialize(
        new TaskPlan(
            "Check the contract, then agree the announcement.",
            [
                new SubTask("Contract check", "Review this contract: Northwind resells our product in the EU; fees are 20 percent of revenue.", SubTeamPattern.ParallelReview),
                new SubTask("Announcement", "Discuss how to announce the Northwind partnership to customers.", SubTeamPattern.GroupChat),
            ]),
        StructuredOutputValidator.SerializerOptions);

    private static Task<WorkflowTestHost> StartWithPlanAsync() =>
        WorkflowTestHost.StartAsync(agents => agents.UseChatClient(HierarchicalAgents.Lead.Model, _ => new FixedChatClient(Plan)));

    [Fact]
    public async Task Run_OfflineLead_DelegatesEverySubTaskToASubTeamAndSynthesises()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Hierarchical, new HierarchicalInput(Task));

        var done = await test.CompletionAsync(id);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        var output = done.ReadOutputAs<HierarchicalOutput>()!;
        Assert.Equal(2, output.Plan.SubTasks.Count);
        Assert.All(output.Teams, t => Assert.True(t.Succeeded, t.Error));
        Assert.Equal([$"{id}:team-1", $"{id}:team-2"], output.Teams.Select(t => t.InstanceId));
        foreach (var team in output.Teams)
        {
            var child = await test.Client.GetInstanceAsync(team.InstanceId);
            Assert.Equal(team.Workflow, child!.Name);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
            Assert.True(team.Tokens > 0);
        }

        Assert.Contains(OfflineChatClient.Marker, output.Synthesis, StringComparison.Ordinal);
        Assert.Equal([HierarchicalAgents.LeadName, HierarchicalAgents.SynthesizerName], output.Spend.Agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Completed", done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }

    [Fact]
    public async Task Run_SubTeamsOfDifferentPatterns_RunEachAsItsWorkflow()
    {
        await using var test = await StartWithPlanAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Hierarchical, new HierarchicalInput(Task) { ChatRounds = 2 });

        var output = (await test.CompletionAsync(id)).ReadOutputAs<HierarchicalOutput>()!;

        Assert.Equal([WorkflowNames.ParallelReview, WorkflowNames.GroupChat], output.Teams.Select(t => t.Workflow));
        Assert.All(output.Teams, t => Assert.True(t.Succeeded, t.Error));
        Assert.StartsWith("Decision: ", output.Teams[0].Result, StringComparison.Ordinal);
        Assert.StartsWith(WorkflowAgentNames.Drafter + ": ", output.Teams[1].Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OneSubTeamFails_ReportsItAndSynthesisesTheOthers()
    {
        await using var test = await StartWithPlanAsync();
        var input = new HierarchicalInput(Task) { Reviewers = ["tax-reviewer", "privacy-reviewer"], ChatRounds = 2 };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Hierarchical, input);

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<HierarchicalOutput>()!;
        var failed = Assert.Single(output.Failed);
        Assert.Equal((1, SubTeamPattern.ParallelReview), (failed.Index, failed.Team));
        Assert.Contains("reviewers answered", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.Result);
        Assert.True(output.Teams[1].Succeeded);
        Assert.Equal("Completed", done.ReadCustomStatusAs<WorkflowStatus>()!.State);
        Assert.Contains("1 of 2 sub-teams succeeded", done.ReadCustomStatusAs<WorkflowStatus>()!.Step, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SubTeamFailsAndFailuresAreFatal_FailsNamingTheSubTeam()
    {
        await using var test = await StartWithPlanAsync();
        var input = new HierarchicalInput(Task) { Reviewers = ["tax-reviewer", "privacy-reviewer"], FailOnSubTeamFailure = true, ChatRounds = 2 };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Hierarchical, input);

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains($"Sub-team 1 'Contract check' ({WorkflowNames.ParallelReview}, instance {id}:team-1) failed", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("Failed", done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }

    [Fact]
    public async Task Run_MoreSubTasksThanAllowed_RunsOnlyTheFirstOnes()
    {
        await using var test = await StartWithPlanAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Hierarchical, new HierarchicalInput(Task) { MaxSubTasks = 1 });

        var output = (await test.CompletionAsync(id)).ReadOutputAs<HierarchicalOutput>()!;

        var team = Assert.Single(output.Teams);
        Assert.Equal("Contract check", team.Title);
        Assert.Single(output.Plan.SubTasks);
    }

    [Theory]
    [InlineData(SubTeamPattern.ParallelReview, WorkflowNames.ParallelReview)]
    [InlineData(SubTeamPattern.GroupChat, WorkflowNames.GroupChat)]
    [InlineData(SubTeamPattern.ResearchReport, WorkflowNames.ResearchReport)]
    [InlineData(SubTeamPattern.DocumentSignoff, WorkflowNames.DocumentSignoff)]
    public void WorkflowFor_EveryPattern_IsACatalogWorkflow(SubTeamPattern pattern, string expected)
    {
        Assert.Equal(expected, HierarchicalOrchestrator.WorkflowFor(pattern));
        Assert.True(new WorkflowCatalog(WorkflowCatalog.BuiltIn).TryGet(expected, out _));
    }
}
