using Microsoft.Extensions.Logging;

namespace Baton.Dashboard;

/// <summary>Baton.Dashboard's log messages, with stable event ids (8000-8099).</summary>
internal static partial class Log
{
    [LoggerMessage(8000, LogLevel.Warning, "The pending approvals could not be read; the inbox shows none.")]
    public static partial void PendingApprovalsFailed(ILogger logger, Exception exception);

    [LoggerMessage(8001, LogLevel.Debug, "Instance {InstanceId}: history event {EventId} ({EventType}) carries a payload the dashboard cannot read.")]
    public static partial void UnreadablePayload(ILogger logger, string instanceId, int eventId, string eventType);

    [LoggerMessage(8002, LogLevel.Debug, "Dashboard scan stopped after {Count} runs; narrow the time range to see older ones.")]
    public static partial void ScanLimitReached(ILogger logger, int count);

    [LoggerMessage(8003, LogLevel.Warning, "Instance {InstanceId}: the agent call records could not be read; the page shows the spend the run reports in its status.")]
    public static partial void CallRecordsFailed(ILogger logger, Exception exception, string instanceId);
}
