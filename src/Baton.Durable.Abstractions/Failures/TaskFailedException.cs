namespace Baton.Durable;

/// <summary>
/// Thrown into orchestration code when an activity or a sub-orchestration it awaited failed.
/// The cause is carried as data in <see cref="FailureDetails"/>, never as the original exception object,
/// because the failure may have happened in another process or before a replay.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The name of the activity or sub-orchestration that failed.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence number in the orchestration's history.</summary>
    public int TaskId { get; }

    /// <summary>What failed, as recorded in history.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
