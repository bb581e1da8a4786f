using Baton.Durable;

namespace Baton.Http.Tests.Management;

public sealed class InstanceStatusPayloadTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    private static OrchestrationMetadata Instance(OrchestrationRuntimeStatus status) => new("research-report", "i1")
    {
        RuntimeStatus = status,
        CreatedAt = T0,
        LastUpdatedAt = T0.AddSeconds(5),
        SerializedInput = "{\"topic\":\"x\"}",
        SerializedOutput = "{\"location\":\"reports/a.md\"}",
        SerializedCustomStatus = "{\"state\":\"Writing\"}",
    };

    [Fact]
    public void Create_Default_HasTheDurableMembersWithJsonValues()
    {
        var body = InstanceStatusPayload.Create(Instance(OrchestrationRuntimeStatus.Completed), new StatusOptions());

        Assert.Equal("research-report", (string?)body["name"]);
        Assert.Equal("i1", (string?)body["instanceId"]);
        Assert.Equal("Completed", (string?)body["runtimeStatus"]);
        Assert.Equal("x", (string?)body["input"]!["topic"]);
        Assert.Equal("Writing", (string?)body["customStatus"]!["state"]);
        Assert.Equal("reports/a.md", (string?)body["output"]!["location"]);
        Assert.Equal("2026-01-05T08:00:00.0000000Z", (string?)body["createdTime"]);
        Assert.Equal("2026-01-05T08:00:05.0000000Z", (string?)body["lastUpdatedTime"]);
        Assert.False(body.ContainsKey("historyEvents"));
    }

    [Fact]
    public void Create_ShowInputFalse_LeavesTheInputOut()
    {
        var body = InstanceStatusPayload.Create(Instance(OrchestrationRuntimeStatus.Running), new StatusOptions(ShowInput: false));

        Assert.Null(body["input"]);
    }

    [Fact]
    public void Create_ShowHistory_FoldsSchedulingIntoCompletionsAndHidesResultsUnlessAsked()
    {
        IReadOnlyList<HistoryEvent> history =
        [
            new(-1, HistoryEventType.OrchestratorStarted, T0),
            new(-1, HistoryEventType.ExecutionStarted, T0) { Name = "research-report", Input = "{\"topic\":\"x\"}" },
            new(0, HistoryEventType.TaskScheduled, T0) { Name = "InvokeAgent" },
            new(-1, HistoryEventType.TaskCompleted, T0.AddSeconds(2)) { TaskScheduledId = 0, Result = "\"done\"" },
            new(-1, HistoryEventType.ExecutionCompleted, T0.AddSeconds(3)) { OrchestrationStatus = OrchestrationRuntimeStatus.Completed, Result = "1" },
        ];

        var plain = InstanceStatusPayload.History(history, new StatusOptions(ShowHistory: true));
        var withOutput = InstanceStatusPayload.History(history, new StatusOptions(ShowHistory: true, ShowHistoryOutput: true));

        Assert.Equal(["ExecutionStarted", "TaskCompleted", "ExecutionCompleted"], plain.Select(e => (string?)e!["EventType"]));
        var completed = plain[1]!;
        Assert.Equal("InvokeAgent", (string?)completed["FunctionName"]);
        Assert.Equal("2026-01-05T08:00:00.0000000Z", (string?)completed["ScheduledTime"]);
        Assert.Null(completed["Result"]);
        Assert.Equal("done", (string?)withOutput[1]!["Result"]);
        Assert.Equal("Completed", (string?)plain[2]!["OrchestrationStatus"]);
    }

    [Fact]
    public void Create_FailedWithAnArgumentException_ShowsTheMessageWithoutTheParameterName()
    {
        var message = new ArgumentException("The group-chat input asks for the selector 'x', which is not registered.", "input").Message;
        var failed = Instance(OrchestrationRuntimeStatus.Failed) with
        {
            SerializedOutput = null,
            FailureDetails = new TaskFailureDetails(typeof(ArgumentException).FullName!, "Activity 'Notify' failed: " + message),
        };

        var body = InstanceStatusPayload.Create(failed, new StatusOptions());

        Assert.Contains("(Parameter 'input')", message, StringComparison.Ordinal);
        Assert.Equal("Activity 'Notify' failed: The group-chat input asks for the selector 'x', which is not registered.", (string?)body["output"]);
        Assert.DoesNotContain("(Parameter", (string?)body["failureDetails"]!["errorMessage"], StringComparison.Ordinal);
    }
}
