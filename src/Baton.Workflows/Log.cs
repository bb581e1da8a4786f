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

    [LoggerMessage(5006, LogLevel.Information, "Workflow files reloaded from {Folder}: added {Added}; changed {Changed}; removed {Removed}. Runs in flight keep the version they started with.")]
    public static partial void WorkflowsReloaded(ILogger logger, string folder, string added, string changed, string removed);

    [LoggerMessage(5007, LogLevel.Error, "Workflow files in {Folder} have {Count} problem(s); each of those files keeps its last good version (or is not loaded), the others run:{NewLine}{Problems}")]
    public static partial void WorkflowFileProblems(ILogger logger, string folder, int count, string newLine, string problems);

    [LoggerMessage(5008, LogLevel.Warning, "Workflow files in {Folder} could not be read for a reload; trying again.")]
    public static partial void WorkflowReloadFailed(ILogger logger, Exception exception, string folder);

    [LoggerMessage(5009, LogLevel.Information, "Watching {Folder} for workflow file changes.")]
    public static partial void WatchingWorkflows(ILogger logger, string folder);
}
