namespace Baton.Workflows;

/// <summary>A step of a declarative workflow failed after its retries; the message names the step and says why.</summary>
public sealed class WorkflowStepFailedException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="step"/> of <paramref name="workflow"/>.</summary>
    public WorkflowStepFailedException(string workflow, string step, string reason, Exception? inner = null)
        : base($"Step '{step}' of workflow '{workflow}' failed: {reason}", inner)
    {
        Workflow = workflow;
        Step = step;
        Reason = reason;
    }

    /// <summary>The workflow's name.</summary>
    public string Workflow { get; }

    /// <summary>The innermost step that failed.</summary>
    public string Step { get; }

    /// <summary>Why it failed.</summary>
    public string Reason { get; }
}
