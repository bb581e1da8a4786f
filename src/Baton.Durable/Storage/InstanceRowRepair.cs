namespace Baton.Durable.Storage;

/// <summary>
/// Brings an instance row back in line with its history. History is the record: the row is written after it in
/// every commit, so a process that dies between the two (or a late write from a process that lost the instance's
/// partition) can leave a row that says Running over a history that ends with the execution's completion.
/// </summary>
public static class InstanceRowRepair
{
    /// <summary>
    /// The row as the history says it should be, or null when the row agrees with the history (or cannot be judged
    /// from it). Only a row of the history's own execution that is not yet terminal is repaired; a missing row (a
    /// purge that stopped half-way) is never brought back, and a row of a newer execution is left alone.
    /// </summary>
    /// <param name="row">The stored row.</param>
    /// <param name="history">The committed history of the current execution.</param>
    /// <param name="now">The time to record as the row's update time.</param>
    public static InstanceState? Repair(InstanceState? row, IReadOnlyList<HistoryEvent> history, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (row is null || row.RuntimeStatus.IsTerminal())
        {
            return null;
        }

        var started = history.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted);
        if (started is null || (row.ExecutionId.Length > 0 && !string.Equals(row.ExecutionId, started.ExecutionId, StringComparison.Ordinal)))
        {
            return null;
        }

        for (var i = history.Count - 1; i >= 0; i--)
        {
            var e = history[i];
            switch (e.EventType)
            {
                case HistoryEventType.ExecutionTerminated:
                    return Finished(row, started, OrchestrationRuntimeStatus.Terminated, e.Input, failure: null, e.Timestamp, now);

                case HistoryEventType.ExecutionCompleted when e.OrchestrationStatus is { } status && status.IsTerminal():
                    return Finished(row, started, status, e.Result, status == OrchestrationRuntimeStatus.Failed ? e.FailureDetails : null, e.Timestamp, now);
            }
        }

        return null;
    }

    private static InstanceState Finished(
        InstanceState row, HistoryEvent started, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, DateTime at, DateTime now) => row with
        {
            Name = started.Name ?? row.Name,
            ExecutionId = started.ExecutionId ?? row.ExecutionId,
            RuntimeStatus = status,
            Output = output,
            FailureDetails = failure,
            CompletedAt = at,
            LastUpdatedAt = now > at ? now : at,
        };
}
