using Microsoft.Extensions.Logging;

namespace Baton.Agents;

/// <summary>Baton.Agents' log messages, with stable event ids (4000-4099).</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Instance {InstanceId}: agent {Agent} turn {Turn} answered with {ToolCalls} tool call(s); {InputTokens} input / {OutputTokens} output tokens.")]
    public static partial void AgentTurnCompleted(ILogger logger, string instanceId, string agent, int turn, int toolCalls, long inputTokens, long outputTokens);

    [LoggerMessage(4001, LogLevel.Information, "Instance {InstanceId}: agent {Agent} finished after {Calls} LLM call(s); {InputTokens} input / {OutputTokens} output tokens.")]
    public static partial void AgentRunCompleted(ILogger logger, string instanceId, string agent, int calls, long inputTokens, long outputTokens);

    [LoggerMessage(4010, LogLevel.Debug, "Instance {InstanceId}: agent {Agent} turn {Turn} called {Model}: {InputTokens} input / {OutputTokens} output tokens in {LatencyMs} ms.")]
    public static partial void ModelCalled(ILogger logger, string instanceId, string agent, int turn, string model, long inputTokens, long outputTokens, long latencyMs);

    [LoggerMessage(4011, LogLevel.Warning, "Retrying the call to {Endpoint}: attempt {Attempt} after {Delay} (HTTP status {Status}).")]
    public static partial void ModelCallRetrying(ILogger logger, string endpoint, int attempt, TimeSpan delay, int? status);

    [LoggerMessage(4012, LogLevel.Warning, "Instance {InstanceId}: agent {Agent} turn {Turn}: the LLM call failed.")]
    public static partial void ModelCallFailed(ILogger logger, Exception exception, string instanceId, string agent, int turn);

    [LoggerMessage(4020, LogLevel.Debug, "Instance {InstanceId}: tool {Tool} ran for call {CallId}.")]
    public static partial void ToolCalled(ILogger logger, string instanceId, string tool, string callId);

    [LoggerMessage(4021, LogLevel.Information, "Instance {InstanceId}: tool {Tool} refused its arguments for call {CallId}: {Reason}")]
    public static partial void ToolRefused(ILogger logger, string instanceId, string tool, string callId, string reason);

    [LoggerMessage(4030, LogLevel.Information, "Approval {Kind}: '{Title}' for instance {InstanceId} (event {EventName}) to {Recipients}.")]
    public static partial void ApprovalNotified(ILogger logger, ApprovalNotificationKind kind, string title, string instanceId, string eventName, string recipients);

    [LoggerMessage(4040, LogLevel.Information, "Email '{Subject}' to {To} written to the outbox as {Path}.")]
    public static partial void EmailWritten(ILogger logger, string subject, string to, string path);

    [LoggerMessage(4041, LogLevel.Debug, "Fetched {Url}: HTTP {Status}, {Length} characters.")]
    public static partial void UrlFetched(ILogger logger, string url, int status, int length);

    [LoggerMessage(4031, LogLevel.Information, "Instance {InstanceId}: approval {EventName} decided by {Approver} (approved: {Approved}) through {Channel}.")]
    public static partial void DecisionWon(ILogger logger, string instanceId, string eventName, string approver, bool approved, string channel);

    [LoggerMessage(4032, LogLevel.Warning, "Instance {InstanceId}: a decision on approval {EventName} from {Approver} was refused: {Reason}")]
    public static partial void DecisionRefused(ILogger logger, string instanceId, string eventName, string approver, string reason);

    [LoggerMessage(4033, LogLevel.Warning, "Instance {InstanceId}: the decision of {Approver} on approval {EventName} was never raised; raising it now.")]
    public static partial void DeliveringLostDecision(ILogger logger, string instanceId, string eventName, string approver);

    [LoggerMessage(4034, LogLevel.Information, "Instance {InstanceId}: approval {EventName} closed: {Reason}")]
    public static partial void ApprovalClosed(ILogger logger, string instanceId, string eventName, string reason);

    [LoggerMessage(4050, LogLevel.Error, "Instance {InstanceId}: the record of call {CallKey} could not be written; the dashboard will not show it or count its spend.")]
    public static partial void CallRecordFailed(ILogger logger, Exception exception, string instanceId, string callKey);

    [LoggerMessage(4060, LogLevel.Information, "MCP server {Server} connected: {ServerName} {ServerVersion}.")]
    public static partial void McpServerConnected(ILogger logger, string server, string serverName, string serverVersion);

    [LoggerMessage(4061, LogLevel.Information, "MCP server {Server} offers {Count} tool(s): {Tools}.")]
    public static partial void McpToolsListed(ILogger logger, string server, int count, string tools);

    [LoggerMessage(4062, LogLevel.Warning, "MCP server {Server}: the session ended; connecting again.")]
    public static partial void McpSessionEnded(ILogger logger, string server);
}
