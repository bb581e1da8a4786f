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

    [LoggerMessage(5003, LogLevel.Warning, "Instance {InstanceId}: step {Step} of workflow {Workflow} failed: {Reason}")]
    public static partial void StepFailed(ILogger logger, string instanceId, string workflow, string step, string reason);

    [LoggerMessage(5004, LogLevel.Warning, "Instance {InstanceId}: workflow {Workflow} undid {Undone} after step {Step} failed; could not undo {NotUndone}.")]
    public static partial void Compensated(ILogger logger, string instanceId, string workflow, string step, string undone, string notUndone);

    [LoggerMessage(5005, LogLevel.Warning, "Instance {InstanceId}: sub-team {Index} ({Workflow}, instance {ChildId}) failed: {Error}")]
    public static partial void SubTeamFailed(ILogger logger, string instanceId, int index, string workflow, string childId, string error);
}
