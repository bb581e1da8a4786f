using Baton.Agents;
using Baton.Durable;

namespace Baton.Dashboard.Tests.Timeline;

/// <summary>The timeline from hand-made histories: pairing, durations, retries, tokens, approvals, sub-workflows.</summary>
public sealed class TimelineBuilderTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    private static DateTime At(double seconds) => T0.AddSeconds(seconds);

    private static HistoryEvent Started() => new(-1, HistoryEventType.ExecutionStarted, At(0)) { Name = "research-report" };

    private static HistoryEvent Scheduled(int id, string name, string? input, double at) =>
        new(id, HistoryEventType.TaskScheduled, At(at)) { Name = name, Input = input };

    private static HistoryEvent Completed(int id, string? result, double at) =>
        new(-1, HistoryEventType.TaskCompleted, At(at)) { TaskScheduledId = id, Result = result };

    private static HistoryEvent Failed(int id, double at) =>
        new(-1, HistoryEventType.TaskFailed, At(at)) { TaskScheduledId = id, FailureDetails = new TaskFailureDetails("System.TimeoutException", "The model did not answer.") };

    private static string Reply(long input, long output, decimal cost = 0m) =>
        $$"""{"text":"ok","toolCalls":[],"usage":{"inputTokens":{{input}},"outputTokens":{{output}},"estimatedCost":{{cost.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"model":"offline","finishReason":"stop","latencyMilliseconds":1}""";

    [Fact]
    public void Build_CompletionsInAnyOrder_PairsEachWithItsScheduledTaskById()
    {
        var history = new[]
        {
            Started(),
            Scheduled(0, "Fetch", "\"a\"", 1),
            Scheduled(1, "Fetch", "\"b\"", 1),
            Completed(1, "\"B\"", 3),
            Completed(0, "\"A\"", 7),
            new HistoryEvent(-1, HistoryEventType.ExecutionCompleted, At(8)),
        };

        var timeline = TimelineBuilder.Build(history);

        Assert.Equal(2, timeline.Steps.Count);
        var a = timeline.Steps.Single(s => s.Input == "\"a\"");
        var b = timeline.Steps.Single(s => s.Input == "\"b\"");
        Assert.Equal(TimeSpan.FromSeconds(6), a.Duration(At(100)));
        Assert.Equal(TimeSpan.FromSeconds(2), b.Duration(At(100)));
        Assert.All(timeline.Steps, s => Assert.Equal(TimelineStepStatus.Completed, s.Status));
        Assert.Equal(At(8), timeline.End);
        Assert.Equal(TimeSpan.FromSeconds(8), timeline.Duration(At(100)));
    }

    [Fact]
    public void Build_SameCallScheduledAgainAfterFailures_NumbersTheAttempts()
    {
        const string call = """{"agentName":"researcher","messages":[],"turn":1}""";
        var history = new[]
        {
            Started(),
            Scheduled(0, AgentActivityNames.InvokeAgent, call, 1),
            Failed(0, 2),
            new HistoryEvent(1, HistoryEventType.TimerCreated, At(2)) { FireAt = At(4) },
            new HistoryEvent(-1, HistoryEventType.TimerFired, At(2)) { TaskScheduledId = 1, FireAt = At(4) },
            Scheduled(2, AgentActivityNames.InvokeAgent, call, 4),
            Failed(2, 5),
            Scheduled(3, AgentActivityNames.InvokeAgent, call, 6),
            Completed(3, Reply(100, 20), 9),
            Scheduled(4, AgentActivityNames.InvokeAgent, """{"agentName":"writer","messages":[],"turn":1}""", 9),
        };

        var timeline = TimelineBuilder.Build(history);

        var researcher = timeline.Steps.Where(s => s.Name == "agent researcher").ToList();
        Assert.Equal([1, 2, 3], researcher.Select(s => s.Attempt));
        Assert.Equal(
            [TimelineStepStatus.Failed, TimelineStepStatus.Failed, TimelineStepStatus.Completed],
            researcher.Select(s => s.Status));
        Assert.Equal("System.TimeoutException: The model did not answer.", researcher[0].Failure);
        Assert.Equal(1, timeline.Steps.Single(s => s.Name == "agent writer").Attempt);
        var timer = timeline.Steps.Single(s => s.Kind == TimelineStepKind.Timer);
        Assert.Equal(TimeSpan.FromSeconds(2), timer.Duration(At(100)));
    }

    [Fact]
    public void Build_AgentReply_CarriesTokensCostAndModelPerCall()
    {
        var history = new[]
        {
            Started(),
            Scheduled(0, AgentActivityNames.InvokeAgent, """{"agentName":"analyst","messages":[],"turn":2}""", 1),
            Completed(0, Reply(1200, 345, 0.0042m), 2),
            Scheduled(1, AgentActivityNames.InvokeTool, """{"toolName":"search_documents","argumentsJson":"{}","callId":"c1","idempotencyKey":"k","agentName":"analyst"}""", 2),
            Completed(1, """{"callId":"c1","toolName":"search_documents","content":"x","isError":true}""", 3),
        };

        var timeline = TimelineBuilder.Build(history);

        var agent = timeline.Steps.Single(s => s.Kind == TimelineStepKind.Agent);
        Assert.Equal("agent analyst", agent.Name);
        Assert.Equal(1200, agent.InputTokens);
        Assert.Equal(345, agent.OutputTokens);
        Assert.Equal(1545, agent.TotalTokens);
        Assert.Equal(0.0042m, agent.EstimatedCost);
        Assert.Equal("offline", agent.Model);
        Assert.Contains("turn 2", agent.Detail, StringComparison.Ordinal);
        var tool = timeline.Steps.Single(s => s.Kind == TimelineStepKind.Tool);
        Assert.Equal("tool search_documents", tool.Name);
        Assert.Contains("error", tool.Detail, StringComparison.Ordinal);
        Assert.Equal(TimelineStepStatus.Failed, tool.Status);
        Assert.Null(tool.TotalTokens);
    }

    [Fact]
    public void Build_ApprovalRequestedThenDecided_ShowsTheWaitFromNotificationToDecision()
    {
        var notification = """
            {"request":{"id":"1","instanceId":"r1","eventName":"approval-1","title":"Publish the report","approvers":["ann@example.com"],
            "requestedAt":"2026-01-05T08:00:05Z","expiresAt":"2026-01-07T08:00:05Z"},"kind":"Requested","recipients":["ann@example.com"],"sequence":1}
            """;
        var history = new[]
        {
            Started(),
            Scheduled(0, AgentActivityNames.NotifyApprovers, notification, 5),
            Completed(0, "true", 6),
            new HistoryEvent(1, HistoryEventType.TimerCreated, At(6)) { FireAt = At(5 + (2 * 86400)) },
            new HistoryEvent(-1, HistoryEventType.EventRaised, At(66)) { Name = "approval-1", Input = """{"approved":true,"approver":"ann@example.com","comment":"Fine.","decidedAt":"2026-01-05T08:01:06Z"}""" },
            new HistoryEvent(-1, HistoryEventType.ExecutionCompleted, At(70)),
        };

        var timeline = TimelineBuilder.Build(history);

        var approval = timeline.Steps.Single(s => s.Kind == TimelineStepKind.Approval);
        Assert.Equal("approval Publish the report", approval.Name);
        Assert.Equal(TimelineStepStatus.Approved, approval.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), approval.Duration(At(1000)));
        Assert.Contains("by ann@example.com", approval.Detail, StringComparison.Ordinal);
        Assert.Equal("notify requested", timeline.Steps.Single(s => s.Kind == TimelineStepKind.Notification).Name);
        Assert.DoesNotContain(timeline.Steps, s => s.Kind == TimelineStepKind.Event);
        var deadline = timeline.Steps.Single(s => s.Kind == TimelineStepKind.Timer);
        Assert.Equal("approval deadline", deadline.Name);
        Assert.Contains("default decision at 2026-01-07 08:00:05 UTC", deadline.Detail, StringComparison.Ordinal);
        Assert.Equal(TimelineStepStatus.Cancelled, deadline.Status);
        Assert.Equal(At(66), deadline.End);
    }

    [Fact]
    public void Build_ApprovalWithReminder_NamesTheReminderAndTheDeadlineWithTheirOwnTimes()
    {
        var notification = """
            {"request":{"id":"1","instanceId":"r1","eventName":"approval-1","title":"Sign off","approvers":["ann@example.com"],
            "requestedAt":"2026-01-05T08:00:05Z","expiresAt":"2026-01-07T08:00:05Z"},"kind":"Requested","recipients":["ann@example.com"],"sequence":1}
            """;
        var reminder = notification.Replace("\"Requested\"", "\"Reminder\"", StringComparison.Ordinal);
        var history = new[]
        {
            Started(),
            Scheduled(0, AgentActivityNames.NotifyApprovers, notification, 5),
            Completed(0, "true", 6),
            new HistoryEvent(1, HistoryEventType.TimerCreated, At(6)) { FireAt = At(6 + 86400) },
            new HistoryEvent(-1, HistoryEventType.TimerFired, At(6 + 86400)) { TaskScheduledId = 1, FireAt = At(6 + 86400) },
            Scheduled(2, AgentActivityNames.NotifyApprovers, reminder, 6 + 86400),
            Completed(2, "true", 7 + 86400),
            new HistoryEvent(3, HistoryEventType.TimerCreated, At(7 + 86400)) { FireAt = At(5 + (2 * 86400)) },
        };

        var timeline = TimelineBuilder.Build(history);

        var timers = timeline.Steps.Where(s => s.Kind == TimelineStepKind.Timer).ToList();
        Assert.Equal(["approval reminder", "approval deadline"], timers.Select(t => t.Name));
        Assert.Equal("reminder at 2026-01-06 08:00:06 UTC", timers[0].Detail);
        Assert.Equal(TimelineStepStatus.Completed, timers[0].Status);
        Assert.Equal("default decision at 2026-01-07 08:00:05 UTC", timers[1].Detail);
        Assert.Equal(TimelineStepStatus.Running, timers[1].Status);
    }

    [Fact]
    public void Build_RunStillWaiting_LeavesOpenStepsRunning()
    {
        var notification = """{"request":{"eventName":"approval-2","title":"T","approvers":["a"]},"kind":"Requested","recipients":["a"]}""";
        var history = new[]
        {
            Started(),
            Scheduled(0, AgentActivityNames.NotifyApprovers, notification, 1),
            Completed(0, "true", 2),
            Scheduled(1, "Slow", null, 2),
        };

        var timeline = TimelineBuilder.Build(history);

        Assert.Null(timeline.End);
        var approval = timeline.Steps.Single(s => s.Kind == TimelineStepKind.Approval);
        Assert.Equal(TimelineStepStatus.Running, approval.Status);
        Assert.Null(approval.End);
        Assert.Equal(TimeSpan.FromSeconds(8), approval.Duration(At(10)));
        Assert.Equal(TimelineStepStatus.Running, timeline.Steps.Single(s => s.Name == "Slow").Status);
        Assert.Equal(At(10), timeline.OpenUntil(At(10)));
    }

    [Fact]
    public void Build_SubWorkflowAndOtherEvents_PairsTheChildAndShowsPoints()
    {
        var history = new[]
        {
            Started(),
            new HistoryEvent(0, HistoryEventType.SubOrchestrationInstanceCreated, At(1)) { Name = "research-report", InstanceId = "parent:0" },
            new HistoryEvent(-1, HistoryEventType.SubOrchestrationInstanceFailed, At(4)) { TaskScheduledId = 0, FailureDetails = new TaskFailureDetails("Baton.X", "No sources.") },
            new HistoryEvent(-1, HistoryEventType.EventRaised, At(5)) { Name = "nudge", Input = "{}" },
            new HistoryEvent(-1, HistoryEventType.ExecutionSuspended, At(6)) { Reason = "maintenance" },
            new HistoryEvent(-1, HistoryEventType.ExecutionTerminated, At(7)) { Reason = "stop" },
        };

        var timeline = TimelineBuilder.Build(history);

        var child = timeline.Steps.Single(s => s.Kind == TimelineStepKind.SubWorkflow);
        Assert.Equal("parent:0", child.ChildInstanceId);
        Assert.Equal(TimelineStepStatus.Failed, child.Status);
        Assert.Equal("Baton.X: No sources.", child.Failure);
        Assert.Equal(TimeSpan.FromSeconds(3), child.Duration(At(100)));
        Assert.Equal(["event nudge", "suspended", "terminated"], timeline.Steps.Where(s => s.IsPoint).Select(s => s.Name));
        Assert.Equal(At(7), timeline.End);
    }

    [Fact]
    public void Build_UnreadablePayloads_StillPairsTheSteps()
    {
        var history = new[]
        {
            Started(),
            Scheduled(0, AgentActivityNames.InvokeAgent, "not json", 1),
            Completed(0, "{broken", 2),
        };

        var step = Assert.Single(TimelineBuilder.Build(history).Steps);

        Assert.Equal("agent ?", step.Name);
        Assert.Equal(TimelineStepStatus.Completed, step.Status);
        Assert.Null(step.TotalTokens);
    }

    [Fact]
    public void Build_HistoryWithoutActivityInputs_NamesAgentAndToolFromTheirResultsAndLinksTheirRecords()
    {
        // Durable Functions' history: activity inputs are not stored, outputs are.
        var history = new[]
        {
            Started(),
            Scheduled(0, AgentActivityNames.InvokeAgent, null, 1),
            Completed(0, """{"text":"","toolCalls":[],"usage":{"inputTokens":10,"outputTokens":5},"model":"gpt-4.1-mini","finishReason":"stop","latencyMilliseconds":3,"agentName":"writer","callKey":"k1"}""", 2),
            Scheduled(1, AgentActivityNames.InvokeTool, null, 2),
            Completed(1, """{"callId":"c1","toolName":"lookup","content":"x","isError":false,"callKey":"k2"}""", 3),
        };

        var timeline = TimelineBuilder.Build(history);
        var html = TimelineView.Render(timeline, At(10), "$", null, new HashSet<string>(["k1"], StringComparer.Ordinal));

        Assert.Equal(["agent writer", "tool lookup"], timeline.Steps.Select(s => s.Name));
        Assert.Equal(["k1", "k2"], timeline.Steps.Select(s => s.CallKey));
        Assert.Contains("href=\"#call-k1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#call-k2", html, StringComparison.Ordinal);
    }
}
