using Baton.Durable.Storage;
using Baton.Durable.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Durable.Tests.Behavior;

/// <summary>The behaviour suite on the in-memory store, with a fake clock.</summary>
public sealed class InMemoryOrchestrationBehaviorTests : OrchestrationBehaviorTests
{
    protected override bool UsesFakeTime => true;

    protected override Task<IOrchestrationStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IOrchestrationStore>(new InMemoryOrchestrationStore(timeProvider));

    [Fact]
    public async Task ApprovalTimeout_OneDay_DefaultAppliesOnAFakeClock()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Approval", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("decision", TimeSpan.FromHours(24));
            }
            catch (TaskCanceledException)
            {
                return "rejected by default";
            }
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", "");
        await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        ((FakeTimeProvider)Time).Advance(TimeSpan.FromHours(23));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        ((FakeTimeProvider)Time).Advance(TimeSpan.FromHours(1));
        var done = await CompletionAsync(host, id);

        Assert.Equal("rejected by default", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduledStart_StaysPendingUntilItsTime()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Later", (ctx, _) =>
            Task.FromResult(ctx.CurrentUtcDateTime.ToString("o"))));
        var startAt = Time.GetUtcNow().AddHours(2);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", "", new StartOrchestrationOptions(StartAt: startAt));
        await host.Client.RaiseEventAsync(id, "early", "kept");

        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        ((FakeTimeProvider)Time).Advance(TimeSpan.FromHours(2));
        var done = await CompletionAsync(host, id);

        Assert.True(DateTime.Parse(done.ReadOutputAs<string>()!).ToUniversalTime() >= startAt.UtcDateTime);
    }

    [Fact]
    public async Task Shutdown_DuringActivity_ReturnsItToTheStoreAndANewWorkerFinishes()
    {
        var attempts = 0;
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<string, string>("Slow", async (ctx, s) =>
            {
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    running.SetResult();
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                }

                return s + " finished";
            })
            .AddOrchestratorFunc<string, string>("UsesSlow", (ctx, s) => ctx.CallActivityAsync<string>("Slow", s));

        var first = await StartAsync(Register, worker: o => o.ShutdownGracePeriod = TimeSpan.FromMilliseconds(50));
        var store = Store;
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("UsesSlow", "work");
        await running.Task.WaitAsync(Deadline);
        await first.Worker.StopAsync(CancellationToken.None);

        var second = await StartAsync(Register, store);
        var done = await CompletionAsync(second, id);

        Assert.Equal("work finished", done.ReadOutputAs<string>());
        Assert.Equal(2, attempts);
    }
}
