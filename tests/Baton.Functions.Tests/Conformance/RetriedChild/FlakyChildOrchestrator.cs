using Baton.Durable;

namespace Baton.Functions.Tests.Conformance.RetriedChild;

/// <summary>A sub-workflow that runs <see cref="FlakyStepActivity"/> once, without retries: it fails when the step does.</summary>
[DurableTask(Name)]
public sealed class FlakyChildOrchestrator : TaskOrchestrator<string, string>
{
    /// <summary>The orchestrator's name.</summary>
    public const string Name = "flaky-child";

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.CallActivityAsync<string>(FlakyStepActivity.Name, input) + " by a child of " + context.ParentInstanceId;
    }
}
