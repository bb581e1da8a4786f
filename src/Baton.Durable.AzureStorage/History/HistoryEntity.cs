using Azure.Data.Tables;

namespace Baton.Durable.AzureStorage;

/// <summary>Maps a <see cref="HistoryEvent"/> to a history row with one column per field, as Storage Explorer shows it.</summary>
internal static class HistoryEntity
{
    public static TableEntity ToEntity(string instanceId, string rowKey, HistoryEvent e) => WithoutNulls(new(instanceId, rowKey)
    {
        ["EventType"] = e.EventType.ToString(),
        ["EventId"] = e.EventId,
        ["EventTimestamp"] = Utc(e.Timestamp),
        ["Name"] = e.Name,
        ["Input"] = e.Input,
        ["Result"] = e.Result,
        ["TaskScheduledId"] = e.TaskScheduledId,
        ["FireAt"] = e.FireAt is { } fireAt ? Utc(fireAt) : null,
        ["TargetInstanceId"] = e.InstanceId,
        ["ExecutionId"] = e.ExecutionId,
        ["FailureDetails"] = StoreJson.Serialize(e.FailureDetails),
        ["OrchestrationStatus"] = e.OrchestrationStatus?.ToString(),
        ["Reason"] = e.Reason,
        ["MessageId"] = e.MessageId,
        ["Parent"] = StoreJson.Serialize(e.Parent),
        ["Tags"] = StoreJson.Serialize(e.Tags),
    });

    /// <summary>Drops null properties: the table service stores none, and a null would not clear a merged column anyway.</summary>
    public static TableEntity WithoutNulls(TableEntity entity)
    {
        foreach (var key in entity.Where(p => p.Value is null).Select(p => p.Key).ToArray())
        {
            entity.Remove(key);
        }

        return entity;
    }

    public static HistoryEvent ToEvent(TableEntity row) =>
        new(row.GetInt32("EventId") ?? -1, Enum.Parse<HistoryEventType>(row.GetString("EventType")), ReadUtc(row, "EventTimestamp") ?? default)
        {
            Name = row.GetString("Name"),
            Input = row.GetString("Input"),
            Result = row.GetString("Result"),
            TaskScheduledId = row.GetInt32("TaskScheduledId"),
            FireAt = ReadUtc(row, "FireAt"),
            InstanceId = row.GetString("TargetInstanceId"),
            ExecutionId = row.GetString("ExecutionId"),
            FailureDetails = StoreJson.Deserialize<TaskFailureDetails>(row.GetString("FailureDetails")),
            OrchestrationStatus = row.GetString("OrchestrationStatus") is { } status ? Enum.Parse<OrchestrationRuntimeStatus>(status) : null,
            Reason = row.GetString("Reason"),
            MessageId = row.GetString("MessageId"),
            Parent = StoreJson.Deserialize<ParentInstance>(row.GetString("Parent")),
            Tags = StoreJson.Deserialize<Dictionary<string, string>>(row.GetString("Tags")),
        };

    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    public static DateTime? ReadUtc(TableEntity row, string key) => row.TryGetValue(key, out var value) ? value switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime dateTime => Utc(dateTime),
        _ => null,
    } : null;
}
