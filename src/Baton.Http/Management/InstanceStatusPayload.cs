using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Durable;

namespace Baton.Http;

/// <summary>
/// The status body Durable Functions answers a status query with: <c>name</c>, <c>instanceId</c>,
/// <c>runtimeStatus</c>, <c>input</c>, <c>customStatus</c>, <c>output</c>, <c>createdTime</c>,
/// <c>lastUpdatedTime</c> and, when asked, <c>historyEvents</c>. Inputs and outputs appear as JSON values (not as
/// strings holding JSON) when they parse as JSON.
/// </summary>
public static class InstanceStatusPayload
{
    /// <summary>Builds the status body of <paramref name="instance"/>; <paramref name="history"/> is used when <see cref="StatusOptions.ShowHistory"/> is set.</summary>
    public static JsonObject Create(OrchestrationMetadata instance, StatusOptions options, IReadOnlyList<HistoryEvent>? history = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var body = new JsonObject
        {
            ["name"] = instance.Name,
            ["instanceId"] = instance.InstanceId,
            ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
            ["input"] = options.ShowInput ? Value(instance.SerializedInput) : null,
            ["customStatus"] = Value(instance.SerializedCustomStatus),
            ["output"] = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && instance.FailureDetails is { } failure
                ? FailureOutput(instance.SerializedOutput, failure)
                : Value(instance.SerializedOutput),
            ["createdTime"] = Time(instance.CreatedAt.UtcDateTime),
            ["lastUpdatedTime"] = Time(instance.LastUpdatedAt.UtcDateTime),
        };
        if (instance.FailureDetails is { } details)
        {
            body["failureDetails"] = Failure(details);
        }

        if (options.ShowHistory)
        {
            body["historyEvents"] = History(history ?? [], options);
        }

        return body;
    }

    /// <summary>
    /// The history as Durable Functions shows it: one entry per event, with each completion carrying the
    /// <c>FunctionName</c> and <c>ScheduledTime</c> of the event that scheduled it (so the scheduling events are left
    /// out), results only with <paramref name="options"/>' <see cref="StatusOptions.ShowHistoryOutput"/>.
    /// </summary>
    public static JsonArray History(IReadOnlyList<HistoryEvent> history, StatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var scheduled = history
            .Where(e => e.EventId >= 0 && e.EventType is HistoryEventType.TaskScheduled or HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.TimerCreated)
            .GroupBy(e => e.EventId)
            .ToDictionary(g => g.Key, g => g.First());
        var events = new JsonArray();
        foreach (var e in history)
        {
            if (e.EventType is HistoryEventType.TaskScheduled or HistoryEventType.SubOrchestrationInstanceCreated
                or HistoryEventType.TimerCreated or HistoryEventType.OrchestratorStarted or HistoryEventType.OrchestratorCompleted)
            {
                continue;
            }

            var item = new JsonObject
            {
                ["EventType"] = e.EventType.ToString(),
                ["Timestamp"] = Time(e.Timestamp),
            };
            var origin = e.TaskScheduledId is { } id && scheduled.TryGetValue(id, out var start) ? start : null;
            var name = e.Name ?? origin?.Name;
            if (name is not null)
            {
                item["FunctionName"] = name;
            }

            if (origin is not null)
            {
                item["ScheduledTime"] = Time(origin.Timestamp);
            }

            switch (e.EventType)
            {
                case HistoryEventType.ExecutionStarted when options.ShowInput:
                case HistoryEventType.EventRaised when options.ShowHistoryOutput:
                    item["Input"] = Value(e.Input);
                    break;
                case HistoryEventType.TaskCompleted or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.ExecutionCompleted
                    when options.ShowHistoryOutput:
                    item["Result"] = Value(e.Result);
                    break;
            }

            if (e.OrchestrationStatus is { } status)
            {
                item["OrchestrationStatus"] = status.ToString();
            }

            if (e.FireAt is { } fireAt)
            {
                item["FireAt"] = Time(fireAt);
            }

            if (e.Reason is { } reason)
            {
                item["Reason"] = reason;
            }

            if (e.FailureDetails is { } failure)
            {
                item["FailureDetails"] = Failure(failure);
            }

            if (e.InstanceId is { } other)
            {
                item["InstanceId"] = other;
            }

            events.Add(item);
        }

        return events;
    }

    /// <summary>Parses stored JSON text into a node; text that is not JSON is returned as a string value.</summary>
    internal static JsonNode? Value(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    private static JsonObject Failure(TaskFailureDetails failure) => new()
    {
        ["errorType"] = failure.ErrorType,
        ["errorMessage"] = Problems.WithoutParameterName(failure.ErrorMessage),
    };

    /// <summary>A failed run's output: its message (as Durable Functions gives it), without .NET's parameter-name suffix.</summary>
    private static JsonNode? FailureOutput(string? serializedOutput, TaskFailureDetails failure) => Value(serializedOutput) switch
    {
        null => JsonValue.Create(Problems.WithoutParameterName(failure.ErrorMessage)),
        JsonValue text when text.TryGetValue<string>(out var message) => JsonValue.Create(Problems.WithoutParameterName(message)),
        var other => other,
    };

    private static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
