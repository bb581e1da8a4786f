using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Workflows.Tests.DocumentSignoff;

/// <summary>document-signoff end to end on the in-memory engine, the offline model and a fake clock.</summary>
public sealed class DocumentSignoffWorkflowTests
{
    private const string Approver = "legal@example.com";
    private const string ChangeRequest = "Add a termination clause with a 30-day notice period.";

    private static DocumentSignoffInput Input() =>
        new(
            "Data processing agreement with Northwind",
            "Northwind processes customer support tickets for us. Data stays in the EU. Sub-processors need our written consent.",
            [Approver]);

    [Fact]
    public async Task Run_ReviewerApprovesAndPersonSignsOff_EndsApprovedAfterOneRound()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.DocumentSignoff, Input());

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        var waiting = await WorkflowTestHost.EventuallyAsync(
            () => test.Client.GetInstanceAsync(id, true),
            s => s?.ReadCustomStatusAs<WorkflowStatus>()?.State == nameof(SignoffState.AwaitingSignOff),
            "the run to await sign-off");
        Assert.Equal(requested.Request.EventName, waiting!.ReadCustomStatusAs<WorkflowStatus>()!.PendingApprovalEvent);
        Assert.Equal("signoff", requested.Request.Kind);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(true, Approver, "Signed.", test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<DocumentSignoffOutput>()!;
        Assert.Equal(SignoffState.Approved, output.State);
        Assert.True(output.ReviewerApproved);
        Assert.Equal(DraftVerdict.Approve, Assert.Single(output.Rounds).Review.Verdict);
        Assert.Contains(OfflineChatClient.Marker, output.Document, StringComparison.Ordinal);
        Assert.Equal(Approver, output.SignOff.Approver);
        Assert.Equal(1, output.Spend.Agents[WorkflowAgentNames.Drafter].Calls);
        Assert.Equal(nameof(SignoffState.Approved), done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }

    [Fact]
    public async Task Run_ReviewerAlwaysRequestsChanges_StopsAtMaxRoundsThenPersonRejects()
    {
        var changes = JsonSerializer.Serialize(
            new DraftReview(DraftVerdict.RequestChanges, "Not ready.", [ChangeRequest]),
            StructuredOutputValidator.SerializerOptions);
        await using var test = await WorkflowTestHost.StartAsync(agents => agents
            .AddAgent(WorkflowAgents.DraftReviewer with { Name = "strict-reviewer", Model = "strict" })
            .UseChatClient("strict", _ => new FixedChatClient(changes)));
        var input = Input() with { MaxRounds = 2, Reviewer = "strict-reviewer" };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.DocumentSignoff, input);

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        Assert.Contains(ChangeRequest, requested.Request.Details, StringComparison.Ordinal);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(false, Approver, "Not without the clause.", test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<DocumentSignoffOutput>()!;
        Assert.Equal(SignoffState.Rejected, output.State);
        Assert.False(output.ReviewerApproved);
        Assert.Equal([1, 2], output.Rounds.Select(r => r.Round));
        Assert.All(output.Rounds, r => Assert.Equal(DraftVerdict.RequestChanges, r.Review.Verdict));
        Assert.Equal(2, output.Spend.Agents[WorkflowAgentNames.Drafter].Calls);
        Assert.Equal(2, output.Spend.Agents["strict-reviewer"].Calls);
        var status = done.ReadCustomStatusAs<WorkflowStatus>()!;
        Assert.Equal(nameof(SignoffState.Rejected), status.State);
        Assert.Equal(1, status.Revisions);
    }

    [Fact]
    public async Task Run_NobodySignsOff_TimesOutOnTheFakeClock()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.DocumentSignoff, Input() with { SignOffTimeout = TimeSpan.FromDays(1) });

        await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.HistoryAsync(id, HistoryEventType.TimerCreated, 1);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await test.Client.GetInstanceAsync(id))!.RuntimeStatus);
        test.Time.Advance(TimeSpan.FromDays(1));
        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<DocumentSignoffOutput>()!;
        Assert.Equal(SignoffState.TimedOut, output.State);
        Assert.True(output.SignOff.IsDefault);
        Assert.Equal(ApprovalDecision.TimeoutApprover, output.SignOff.Approver);
        Assert.Equal(nameof(SignoffState.TimedOut), done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }

    [Theory]
    [InlineData(DraftVerdict.Approve, 1, 3, SignoffState.AwaitingSignOff)]
    [InlineData(DraftVerdict.RequestChanges, 1, 3, SignoffState.Drafting)]
    [InlineData(DraftVerdict.RequestChanges, 3, 3, SignoffState.AwaitingSignOff)]
    public void AfterReview_VerdictAndRounds_GivesTheNextState(DraftVerdict verdict, int roundsDone, int maxRounds, SignoffState expected)
    {
        var review = new DraftReview(verdict, "x", verdict == DraftVerdict.Approve ? [] : [ChangeRequest]);

        Assert.Equal(expected, DocumentSignoffOrchestrator.AfterReview(review, roundsDone, maxRounds));
    }

    [Fact]
    public async Task Run_OfflineBriefWithPlaceholders_ReviewerRequestsChangesEveryRoundBeforeTheSignOff()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var input = Input() with
        {
            Brief = "Northwind processes customer support tickets for us. The monthly fee is TBD and the data owner is to be confirmed.",
            MaxRounds = 2,
        };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.DocumentSignoff, input);

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(false, Approver, "Not until the fee is known.", test.Time.GetUtcNow().UtcDateTime));
        var output = (await test.CompletionAsync(id)).ReadOutputAs<DocumentSignoffOutput>()!;

        Assert.Equal([1, 2], output.Rounds.Select(r => r.Round));
        Assert.All(output.Rounds, r => Assert.Equal(DraftVerdict.RequestChanges, r.Review.Verdict));
        Assert.All(output.Rounds, r => Assert.NotEmpty(r.Review.ChangeRequests));
        Assert.False(output.ReviewerApproved);
        Assert.Equal(SignoffState.Rejected, output.State);
    }
}
