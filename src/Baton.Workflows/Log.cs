using Microsoft.Extensions.Logging;

namespace Baton.Workflows;

/// <summary>Baton.Workflows' log messages, with stable event ids (5000-5099).</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "Instance {InstanceId}: report published to {Location}, approved by {ApprovedBy}.")]
    public static partial void ReportPublished(ILogger logger, string instanceId, string location, string approvedBy);

    [LoggerMessage(5001, LogLevel.Information, "Instance {InstanceId}: approval decided by {Approver}: approved {Approved} (default {IsDefault}).")]
    public static partial void ApprovalDecided(ILogger logger, string instanceId, string approver, bool approved, bool isDefault);

    [LoggerMessage(5002, LogLevel.Warning, "Instance {InstanceId}: reviewer {Reviewer} failed: {Error}")]
    public static partial void ReviewerFailed(ILogger logger, string instanceId, string reviewer, string error);
}
