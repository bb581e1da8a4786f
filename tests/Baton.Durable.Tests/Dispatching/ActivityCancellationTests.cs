namespace Baton.Durable.Tests.Dispatching;

/// <summary>Running activities are cancelled when their instance is terminated and when the worker stops.</summary>
public sealed class ActivityCancellationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Terminate_WhileAnActivityRuns_CancelsTheActivity()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableHost.StartInMemoryAsync(r => r
            .AddActivityFunc<int, int>("Long", async (ctx, x) =>
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }

                return x;
            })
            .AddOrchestratorFunc<int, int>("Flow", async (ctx, x) => await ctx.CallActivityAsync<int>("Long", x)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Flow", 1);
        await started.Task.WaitAsync(Deadline);
        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stop"));

        await cancelled.Task.WaitAsync(Deadline);
        using var deadline = new CancellationTokenSource(Deadline);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, deadline.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
    }

    [Fact]
    public async Task Stop_WithAnActivityThatIgnoresCancellation_ReturnsWithinTwoGracePeriods()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<int>();
        var host = await DurableHost.StartInMemoryAsync(
            r => r
                .AddActivityFunc<int, int>("Stubborn", (_, _) =>
                {
                    started.TrySetResult();
                    return never.Task;
                })
                .AddOrchestratorFunc<int, int>("Flow", async (ctx, x) => await ctx.CallActivityAsync<int>("Stubborn", x)),
            configureWorker: o => o.ShutdownGracePeriod = TimeSpan.FromMilliseconds(200));
        _ = await host.Client.ScheduleNewOrchestrationInstanceAsync("Flow", 1);
        await started.Task.WaitAsync(Deadline);

        // Before, stopping waited for the activity forever; now it gives up after the second grace period.
        var stop = host.DisposeAsync().AsTask();
        var ended = await Task.WhenAny(stop, Task.Delay(Deadline));

        Assert.Same(stop, ended);
        never.TrySetResult(0);
    }
}
