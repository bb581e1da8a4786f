using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows.Tests.GroupChat;

/// <summary>group-chat end to end on the in-memory engine and the offline model.</summary>
public sealed class GroupChatWorkflowTests
{
    private const string Topic = "Agree a launch plan for usage-based pricing";

    [Fact]
    public async Task Run_ParticipantSaysThePhrase_EndsByTerminationPhraseWithTheTranscript()
    {
        await using var test = await WorkflowTestHost.StartAsync(agents => agents
            .AddAgent(WorkflowAgents.Writer with { Name = "closer", Model = "closer" })
            .UseChatClient("closer", _ => new FixedChatClient("The plan covers everything we need. TERMINATE")));
        var input = new GroupChatInput(Topic, [WorkflowAgentNames.Writer, "closer", WorkflowAgentNames.Drafter]);
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.GroupChat, input);

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<GroupChatOutput>()!;
        Assert.Equal(GroupChatEnd.TerminationPhrase, output.End);
        Assert.Equal([WorkflowAgentNames.Writer, "closer"], output.Transcript.Select(t => t.Speaker));
        Assert.Equal([1, 2], output.Transcript.Select(t => t.Round));
        Assert.Contains(OfflineChatClient.Marker, output.Transcript[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("TERMINATE", output.Transcript[1].Message, StringComparison.Ordinal);
        Assert.Equal("Completed", done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }

    [Fact]
    public async Task Run_CustomSelectorAndNoPhrase_EndsAtMaxRoundsInTheSelectorsOrder()
    {
        await using var test = await WorkflowTestHost.StartAsync(agents => agents.Services.AddGroupChatSpeakerSelector(
            "drafter-first",
            s => s.Round % 2 == 1 ? WorkflowAgentNames.Drafter : WorkflowAgentNames.Writer));
        var input = new GroupChatInput(Topic, [WorkflowAgentNames.Writer, WorkflowAgentNames.Drafter])
        {
            SpeakerSelection = SpeakerSelection.Custom,
            Selector = "drafter-first",
            MaxRounds = 3,
            TerminationPhrase = null,
        };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.GroupChat, input);

        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<GroupChatOutput>()!;
        Assert.Equal(GroupChatEnd.MaxRounds, output.End);
        Assert.Equal([WorkflowAgentNames.Drafter, WorkflowAgentNames.Writer, WorkflowAgentNames.Drafter], output.Transcript.Select(t => t.Speaker));
        Assert.Equal(3, output.Spend.Calls);
    }

    [Fact]
    public async Task Run_LlmSelectorAndSmallBudget_EndsByBudgetWithTheSelectorsSpendCounted()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var input = new GroupChatInput(Topic, [WorkflowAgentNames.Writer, WorkflowAgentNames.Drafter])
        {
            SpeakerSelection = SpeakerSelection.Llm,
            MaxTokens = 1,
            TerminationPhrase = null,
        };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.GroupChat, input);

        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<GroupChatOutput>()!;
        Assert.Equal(GroupChatEnd.Budget, output.End);
        var turn = Assert.Single(output.Transcript);
        Assert.Contains(turn.Speaker, input.Participants);
        Assert.Equal(1, output.Spend.Agents[WorkflowAgentNames.ChatSelector].Calls);
        Assert.True(output.Spend.TotalTokens >= 1);
    }

    [Fact]
    public async Task Run_UnknownCustomSelector_FailsNamingHowToRegisterIt()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var input = new GroupChatInput(Topic, [WorkflowAgentNames.Writer, WorkflowAgentNames.Drafter])
        {
            SpeakerSelection = SpeakerSelection.Custom,
            Selector = "nope",
        };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.GroupChat, input);

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("AddGroupChatSpeakerSelector", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Agreed. TERMINATE.", 2, GroupChatEnd.TerminationPhrase)]
    [InlineData("Say TERMINATE when we are done.", 1, null)]
    [InlineData("Next point.", 2, GroupChatEnd.MaxRounds)]
    public void Ending_MessageAndRounds_EndsOnlyOnAClosingPhraseOrTheLastRound(string message, int rounds, GroupChatEnd? expected)
    {
        var input = new GroupChatInput(Topic, ["writer", "reviewer"]) { MaxRounds = 2 };

        Assert.Equal(expected, GroupChatOrchestrator.Ending(input, message, rounds, 0));
    }

    [Theory]
    [InlineData("reviewer, I think", "reviewer")]
    [InlineData("WRITER", "writer")]
    [InlineData("nobody", null)]
    public void Match_SelectorAnswer_GivesTheParticipantOrNull(string answer, string? expected)
    {
        Assert.Equal(expected, GroupChatOrchestrator.Match(answer, ["writer", "reviewer"]));
    }
}
