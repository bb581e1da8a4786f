using System.Collections.Concurrent;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>The engine on this store, stopped dead mid-commit or killed mid-run, and finished by a fresh engine.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EngineCrashTests(AzuriteFixture azurite) : TwoEngineTestBase(azurite, "C")
{
    private static async Task<OrchestrationMetadata> CompletionAsync(DurableHost host, string id)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
    }

    private static void AssertEachResultOnce(IReadOnlyList<HistoryEvent> history, int activities)
    {
        var scheduled = history.Where(e => e.EventType == HistoryEventType.TaskScheduled).Select(e => e.EventId).ToList();
        var completed = history.Where(e => e.EventType == HistoryEventType.TaskCompleted).Select(e => e.TaskScheduledId!.Value).ToList();
        Assert.Equal(activities, scheduled.Count);
        Assert.Equal(activities, scheduled.Distinct().Count());
        Assert.Equal(scheduled.Order(), completed.Order());
    }

    [Theory]
    [InlineData(CommitStage.MessagesSent)]
    [InlineData(CommitStage.HistoryWritten)]
    [InlineData(CommitStage.InstanceUpdated)]
    [InlineData(CommitStage.BeforeMessagesDeleted)]
    public async Task CrashAtCommitStage_FreshEngineFinishes_WithEachResultOnce(CommitStage stage)
    {
        var runs = new ConcurrentDictionary<int, int>();
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<int, int>("Double", (_, x) =>
            {
                runs.AddOrUpdate(x, 1, (_, n) => n + 1);
                return Task.FromResult(x * 2);
            })
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, x) =>
            {
                for (var i = 0; i < 3; i++)
                {
                    x = await ctx.CallActivityAsync<int>("Double", x);
                }

                return x;
            });

        // Stop dead at the stage of the step that takes the first activity result: no more polls, renewals or writes.
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AzureStorageOrchestrationStore? first = null;
        var seen = 0;
        first = NewStore(o => o.CommitStageHook = (reached, instance) =>
        {
            if (reached == stage && Interlocked.Increment(ref seen) == 2)
            {
                _ = first!.StopAbruptlyAsync(releaseLeases: true);
                crashed.TrySetResult();
                throw new IOException($"Process died after {reached}.");
            }
        });
        var dying = await StartAsync(first, Register);
        var id = await dying.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        await crashed.Task.WaitAsync(Deadline);
        await dying.DisposeAsync();

        var survivor = await StartAsync(NewStore(), Register);
        var done = await CompletionAsync(survivor, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(8, done.ReadOutputAs<int>());
        AssertEachResultOnce((await survivor.Client.GetInstanceHistoryAsync(id))!, 3);
        Assert.All(runs.Keys, k => Assert.Contains(k, new[] { 1, 2, 4 }));
    }

    [Theory]
    [InlineData(CommitStage.MessagesSent, 1)]
    [InlineData(CommitStage.HistoryWritten, 2)]
    [InlineData(CommitStage.BeforeMessagesDeleted, 2)]
    public async Task CrashAtCommitStage_OfAFanOutInGroupMessages_FreshEngineFinishes_WithEachResultOnce(CommitStage stage, int step)
    {
        // 70 requests travel three to a queue message; half of them are held back until the crash, so that the
        // step that crashes has taken only part of each group's results.
        const int Count = 70;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<int, int>("Gate", async (_, x) =>
            {
                if (x % 2 == 0)
                {
                    await release.Task;
                }

                return x;
            })
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Gate", i)));
                return results.Sum(x => (long)x);
            });

        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AzureStorageOrchestrationStore? first = null;
        var seen = 0;
        first = NewStore(o => o.CommitStageHook = (reached, instance) =>
        {
            if (reached == stage && Interlocked.Increment(ref seen) == step)
            {
                _ = first!.StopAbruptlyAsync(releaseLeases: true);
                crashed.TrySetResult();
                throw new IOException($"Process died after {reached}.");
            }
        });
        var dying = await StartAsync(first, Register);
        var scheduling = dying.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", Count);
        await crashed.Task.WaitAsync(Deadline);
        var id = await scheduling.WaitAsync(Deadline);
        release.TrySetResult();
        await dying.DisposeAsync();

        var survivor = await StartAsync(NewStore(), Register);
        var done = await CompletionAsync(survivor, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Count * (Count + 1L) / 2, done.ReadOutputAs<long>());
        AssertEachResultOnce((await survivor.Client.GetInstanceHistoryAsync(id))!, Count);
    }

    [Fact]
    public async Task TwoEngines_OneKilledMidFanOut_SurvivorTakesOverAndCountsEveryResultOnce()
    {
        const int Count = 1000;
        var started = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<int, int>("Identity", async (_, x) =>
            {
                // Activities beyond the first third wait for the kill, so that the doomed engine cannot finish first.
                var n = Interlocked.Increment(ref started);
                if (n == Count / 3)
                {
                    halfway.TrySetResult();
                }
                else if (n > Count / 3)
                {
                    await killed.Task;
                }

                return x;
            })
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Identity", i)));
                return results.Sum(x => (long)x);
            });

        // The doomed engine owns every partition (no balancing), so the survivor can only finish by taking them over.
        var doomedStore = NewStore(o => o.BalancePartitions = false);
        var doomed = await StartAsync(doomedStore, Register);
        await EventuallyAsync(() => doomedStore.OwnedPartitionCount == 4);
        var survivorStore = NewStore(o => o.BalancePartitions = false);
        var survivor = await StartAsync(survivorStore, Register);
        var id = await doomed.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", Count);

        await halfway.Task.WaitAsync(Deadline);
        await doomedStore.StopAbruptlyAsync(releaseLeases: false);
        killed.TrySetResult();
        await doomed.DisposeAsync();

        var done = await CompletionAsync(survivor, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Count * (Count + 1L) / 2, done.ReadOutputAs<long>());
        AssertEachResultOnce((await survivor.Client.GetInstanceHistoryAsync(id))!, Count);
        Assert.True(survivorStore.OwnedPartitionCount >= 1);
    }

    [Fact]
    public async Task SecondEngine_Joins_PartitionsShareEvenly_RunsMoveWithThem_AndComeBackWhenItStops()
    {
        const int Runs = 24;
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2))
            .AddOrchestratorFunc<int, int>("WaitThenDouble", async (ctx, x) =>
            {
                var extra = await ctx.WaitForExternalEvent<int>("go");
                return await ctx.CallActivityAsync<int>("Double", x + extra);
            });

        var firstStore = NewStore();
        var first = await StartAsync(firstStore, Register);
        await EventuallyAsync(() => firstStore.OwnedPartitionCount == 4);
        var ids = await Task.WhenAll(Enumerable.Range(0, Runs).Select(i => first.Client.ScheduleNewOrchestrationInstanceAsync("WaitThenDouble", i)));
        foreach (var id in ids)
        {
            await first.Client.WaitForInstanceStartAsync(id);
        }

        var secondStore = NewStore();
        var second = await StartAsync(secondStore, Register);
        await EventuallyAsync(() => firstStore.OwnedPartitionCount == 2 && secondStore.OwnedPartitionCount == 2);

        // Runs waiting in the partitions that moved are now served by the second engine.
        await Task.WhenAll(ids.Select(id => second.Client.RaiseEventAsync(id, "go", 100)));
        var done = await Task.WhenAll(ids.Select(id => CompletionAsync(second, id)));

        Assert.All(done, d => Assert.Equal(OrchestrationRuntimeStatus.Completed, d.RuntimeStatus));
        Assert.Equal(Enumerable.Range(0, Runs).Select(i => (i + 100) * 2), done.Select(d => d.ReadOutputAs<int>()));
        foreach (var id in ids)
        {
            AssertEachResultOnce((await first.Client.GetInstanceHistoryAsync(id))!, 1);
        }

        Cleanup.Remove(second);
        await second.DisposeAsync();
        await secondStore.DisposeAsync();
        await EventuallyAsync(() => firstStore.OwnedPartitionCount == 4);
    }

    [Fact]
    public async Task Store_Disposed_ReleasesLeases_AndAnotherStoreTakesOverAtOnce()
    {
        var first = NewStore();
        await first.CreateIfNotExistsAsync();
        _ = await first.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(1));
        await EventuallyAsync(() => first.OwnedPartitionCount == 4);
        var second = NewStore();
        _ = await second.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(1));

        await first.DisposeAsync();
        await second.SendMessageAsync(new OrchestrationMessage("x1", new HistoryEvent(-1, HistoryEventType.EventRaised, DateTime.UtcNow) { Name = "e" }));

        await EventuallyAsync(() => second.OwnedPartitionCount == 4);
        var item = await second.LockNextOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("x1", item?.InstanceId);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "Condition not met in time.");
            await Task.Delay(20);
        }
    }
}
