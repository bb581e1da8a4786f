using Baton.Durable.Dispatching;
using Baton.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Durable.Tests.Dispatching;

public sealed class OrchestrationStepProcessorTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start));
    private readonly IServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly OrchestrationStepProcessor _processor;

    public OrchestrationStepProcessorTests()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<string, string>("Two", async (ctx, s) =>
        {
            var a = await ctx.CallActivityAsync<string>("Echo", s);
            await ctx.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
            return a + await ctx.CallActivityAsync<string>("Echo", s);
        });
        _processor = new OrchestrationStepProcessor(registry, JsonDataConverter.Default, _time, NullLoggerFactory.Instance, new DurableWorkerOptions { MaxDequeueCount = 3 });
    }

    [Fact]
    public void Process_FirstStart_SchedulesFirstActivityAndMarksRunning()
    {
        var result = _processor.Process(WorkItem([], Started()), _services);

        Assert.True(result.NewExecution);
        Assert.Equal(OrchestrationRuntimeStatus.Running, result.Instance!.RuntimeStatus);
        var activity = Assert.Single(result.ActivityMessages);
        Assert.Equal("Echo", activity.Event.Name);
        Assert.Equal("exec-1", activity.ExecutionId);
        Assert.Equal(
            [HistoryEventType.OrchestratorStarted, HistoryEventType.ExecutionStarted, HistoryEventType.TaskScheduled, HistoryEventType.OrchestratorCompleted],
            result.NewEvents.Select(e => e.EventType));
    }

    [Fact]
    public void Process_DuplicateCompletion_IsDroppedAndSchedulesNothingTwice()
    {
        var history = AfterFirstActivity();
        var duplicate = Completion(0, "\"a\"");

        var result = _processor.Process(WorkItem(history, duplicate), _services);

        Assert.DoesNotContain(result.NewEvents, e => e.EventType == HistoryEventType.TaskCompleted);
        Assert.Empty(result.ActivityMessages);
        Assert.Empty(result.OrchestratorMessages);
    }

    [Fact]
    public void Process_CompletionForATaskHistoryDoesNotHoldYet_IsDropped()
    {
        var early = Completion(1, "\"from a step that was not written\"");

        var result = _processor.Process(WorkItem(StartedOnly(), early), _services);

        Assert.DoesNotContain(result.NewEvents, e => e.EventType == HistoryEventType.TaskCompleted);
    }

    [Fact]
    public void Process_CompletionOfAnOlderExecution_IsDropped()
    {
        var stale = Completion(0, "\"a\"") with { ExecutionId = "exec-0" };

        var result = _processor.Process(WorkItem(StartedOnly(), stale), _services);

        Assert.DoesNotContain(result.NewEvents, e => e.EventType == HistoryEventType.TaskCompleted);
    }

    [Fact]
    public void Process_TimerFiredBeforeItsDueTime_IsHandedBackUntilDue()
    {
        var history = AfterFirstActivity();
        var early = new OrchestrationMessage("i1", new HistoryEvent(-1, HistoryEventType.TimerFired, Start) { TaskScheduledId = 1, FireAt = Start.AddMinutes(5) }) { ExecutionId = "exec-1" };

        var result = _processor.Process(WorkItem(history, early), _services);

        Assert.DoesNotContain(result.NewEvents, e => e.EventType == HistoryEventType.TimerFired);
        var handedBack = Assert.Single(result.OrchestratorMessages);
        Assert.Equal(Start.AddMinutes(5), handedBack.VisibleAt);
    }

    [Fact]
    public void Process_EventBeforeThePendingInstancesStart_IsDeferredOnTheWallClock_NotSentAgainOnTheDurableOne()
    {
        var early = new OrchestrationMessage("i1", new HistoryEvent(-1, HistoryEventType.EventRaised, Start) { Name = "go", Input = "\"x\"" });

        var result = _processor.Process(WorkItem([], early), _services);

        Assert.Equal(OrchestrationStepProcessor.StartWait, result.DeferFor);
        Assert.Empty(result.OrchestratorMessages);
        Assert.Empty(result.NewEvents);
        Assert.Null(result.Instance);
    }

    [Fact]
    public void Process_EventForAnInstanceScheduledToStartLater_WaitsForItsStartOnTheDurableClock()
    {
        var item = WorkItem([], new OrchestrationMessage("i1", new HistoryEvent(-1, HistoryEventType.EventRaised, Start) { Name = "go" }) { DequeueCount = 2 });
        item = new OrchestrationWorkItem
        {
            InstanceId = item.InstanceId,
            Messages = item.Messages,
            History = item.History,
            Instance = item.Instance! with { ScheduledStartAt = Start.AddHours(1) },
        };

        var result = _processor.Process(item, _services);

        Assert.Null(result.DeferFor);
        var kept = Assert.Single(result.OrchestratorMessages);
        Assert.Equal(Start.AddHours(1), kept.VisibleAt);
        Assert.Equal(0, kept.DequeueCount);
    }

    [Fact]
    public void Process_MessageDeliveredTooOften_FailsInstanceAsPoison()
    {
        var poison = Completion(0, "\"a\"") with { DequeueCount = 4 };

        var result = _processor.Process(WorkItem(StartedOnly(), poison), _services);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Instance!.RuntimeStatus);
        Assert.Equal("PoisonMessage", result.Instance.FailureDetails!.ErrorType);
        Assert.Contains(poison.MessageId, result.Instance.FailureDetails.ErrorMessage);
        Assert.Contains("4 times", result.Instance.FailureDetails.ErrorMessage);
    }

    [Fact]
    public void Process_DuplicateOfAResultInHistoryDeliveredOften_IsDroppedWithoutFailingTheInstance()
    {
        // After a storage outage a result already in history comes back with a high dequeue count: nothing to redo.
        var duplicate = Completion(0, "\"a\"") with { DequeueCount = 8 };

        var result = _processor.Process(WorkItem(AfterFirstActivity(), duplicate), _services);

        Assert.Equal(OrchestrationRuntimeStatus.Running, result.Instance!.RuntimeStatus);
        Assert.Null(result.Instance.FailureDetails);
        Assert.DoesNotContain(result.NewEvents, e => e.EventType == HistoryEventType.TaskCompleted);
    }

    [Fact]
    public void Process_SecondStartOfTheSameExecution_IsIgnored()
    {
        var result = _processor.Process(WorkItem(StartedOnly(), Started()), _services);

        Assert.False(result.NewExecution);
        Assert.DoesNotContain(result.NewEvents, e => e.EventType == HistoryEventType.ExecutionStarted);
        Assert.Empty(result.ActivityMessages);
    }

    [Fact]
    public void Process_MessagesForAnInstanceThatDoesNotExist_AreDroppedWithoutARow()
    {
        var stray = new OrchestrationMessage("ghost", new HistoryEvent(-1, HistoryEventType.EventRaised, Start) { Name = "x" });

        var result = _processor.Process(new OrchestrationWorkItem { InstanceId = "ghost", Messages = [stray], History = [] }, _services);

        Assert.Null(result.Instance);
        Assert.Empty(result.NewEvents);
    }

    private static OrchestrationMessage Started() =>
        new("i1", new HistoryEvent(-1, HistoryEventType.ExecutionStarted, Start) { Name = "Two", Input = "\"x\"", ExecutionId = "exec-1" }) { ExecutionId = "exec-1" };

    private static OrchestrationMessage Completion(int taskId, string result) =>
        new("i1", new HistoryEvent(-1, HistoryEventType.TaskCompleted, Start) { TaskScheduledId = taskId, Result = result }) { ExecutionId = "exec-1" };

    private static List<HistoryEvent> StartedOnly() =>
    [
        new HistoryEvent(-1, HistoryEventType.OrchestratorStarted, Start),
        Started().Event,
        new HistoryEvent(0, HistoryEventType.TaskScheduled, Start) { Name = "Echo", Input = "\"x\"" },
        new HistoryEvent(-1, HistoryEventType.OrchestratorCompleted, Start),
    ];

    private static List<HistoryEvent> AfterFirstActivity() =>
    [
        .. StartedOnly(),
        new HistoryEvent(-1, HistoryEventType.OrchestratorStarted, Start),
        new HistoryEvent(-1, HistoryEventType.TaskCompleted, Start) { TaskScheduledId = 0, Result = "\"a\"" },
        new HistoryEvent(1, HistoryEventType.TimerCreated, Start) { FireAt = Start.AddMinutes(5) },
        new HistoryEvent(-1, HistoryEventType.OrchestratorCompleted, Start),
    ];

    private static OrchestrationWorkItem WorkItem(IReadOnlyList<HistoryEvent> history, params OrchestrationMessage[] messages) => new()
    {
        InstanceId = "i1",
        Messages = messages,
        History = history,
        Instance = new InstanceState("i1", "Two") { ExecutionId = "exec-1", RuntimeStatus = history.Count == 0 ? OrchestrationRuntimeStatus.Pending : OrchestrationRuntimeStatus.Running, CreatedAt = Start },
    };
}
