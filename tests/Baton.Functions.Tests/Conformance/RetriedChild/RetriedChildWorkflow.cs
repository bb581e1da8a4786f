using Baton.Durable;

namespace Baton.Functions.Tests.Conformance.RetriedChild;

/// <summary>Starts <see cref="FlakyChildOrchestrator"/> without an id of its own, under a retry policy, and returns its result.</summary>
[DurableTask(Name)]
public sealed class RetriedChildWorkflow : TaskOrchestrator<string, string>
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "retried-child-workflow";

    /// <inheritdoc />
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallSubOrchestratorAsync<string>(
            FlakyChildOrchestrator.Name,
            input,
            TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(500))));
    }
}
