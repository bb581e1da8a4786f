using Baton.Durable;

namespace Baton.Functions.Tests.Conformance.RetriedChild;

/// <summary>Records the instance that called it in <see cref="ChildAttempts"/>; fails the first call, then checks its input.</summary>
[DurableTask(Name)]
public sealed class FlakyStepActivity(ChildAttempts attempts) : TaskActivity<string, string>
{
    /// <summary>The activity's name.</summary>
    public const string Name = "flaky-step";

    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (attempts.Record(context.InstanceId) == 1)
        {
            throw new InvalidOperationException("The first attempt fails, as a transient fault would.");
        }

        return Task.FromResult($"'{input}' checked");
    }
}
