using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>
/// Faults on a task hub shared by two engines: one killed at random moments across many runs, commits cut between
/// history and row, rows overwritten by a late writer. Every run must complete, none may be left wedged (a row that
/// says Running over a finished history), and no activity result may be recorded twice.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FaultSuiteTests(AzuriteFixture azurite, ITestOutputHelper output) : TwoEngineTestBase(azurite, "F")
{
    private static void RegisterChain(DurableTaskRegistry r, int steps, int maxDelayMs) => r
        .AddActivityFunc<int, int>("Increment", async (_, x) =>
        {
            if (maxDelayMs > 0)
            {
                await Task.Delay(Random.Shared.Next(maxDelayMs));
            }

            return x + 1;
        })
        .AddOrchestratorFunc<int, int>("Chain", async (ctx, x) =>
        {
            for (var i = 0; i < steps; i++)
            {
                x = await ctx.CallActivityAsync<int>("Increment", x);
            }

            return x;
        });

    [Fact]
    public async Task CommitCutAfterHistoryOfTheLastStep_RowIsRepairedByTheNextTouch_AndPurgeWorks()
    {
        // The process dies after writing the history of the step that completes the run, before its row: the history
        // ends with ExecutionCompleted while the row still says Pending.
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AzureStorageOrchestrationStore? first = null;
        first = NewStore(o => o.CommitStageHook = (reached, instance) =>
        {
            // A dead process commits nothing more: without this, a redelivery before the stop takes effect (a slow
            // machine) would repair the row here and leave nothing for the check below.
            if (crashed.Task.IsCompleted)
            {
                throw new IOException("The process is dead.");
            }

            if (reached == CommitStage.HistoryWritten && crashed.TrySetResult())
            {
                _ = first!.StopAbruptlyAsync(releaseLeases: true);
                throw new IOException("Process died after writing history.");
            }
        });
        var dying = await StartAsync(first, r => r.AddOrchestratorFunc<int, int>("Quick", (_, x) => Task.FromResult(x + 1)));
        var id = await dying.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 41);
        await crashed.Task.WaitAsync(Deadline);
        await dying.DisposeAsync();

        var inspector = NewStore();
        var wedged = await inspector.GetInstanceAsync(id, includePayloads: true);
        Assert.False(wedged!.RuntimeStatus.IsTerminal());
        var history = await inspector.GetHistoryAsync(id);
        Assert.True(
            history.Any(e => e.EventType == HistoryEventType.ExecutionCompleted),
            "History: " + string.Join(", ", history.Select(e => e.EventType)));

        // Purge repairs the row from its history first, then purges it like any finished run.
        Assert.True(await inspector.PurgeInstanceAsync(id));
        Assert.Null(await inspector.GetInstanceAsync(id, includePayloads: false));
    }

    [Fact]
    public async Task CommitCutAfterHistoryOfTheLastStep_FreshEngine_CompletesTheRowWithItsOutput()
    {
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AzureStorageOrchestrationStore? first = null;
        var steps = 0;
        first = NewStore(o => o.CommitStageHook = (reached, instance) =>
        {
            // The fourth step records the third result and completes the run.
            if (reached == CommitStage.HistoryWritten && Interlocked.Increment(ref steps) == 4 && crashed.TrySetResult())
            {
                _ = first!.StopAbruptlyAsync(releaseLeases: true);
                throw new IOException("Process died after writing history.");
            }
        });
        var dying = await StartAsync(first, r => RegisterChain(r, 3, 0));
        var id = await dying.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 0);
        await crashed.Task.WaitAsync(Deadline);
        await dying.DisposeAsync();

        // The redelivered result touches the instance: the step sees a finished history and repairs the row.
        var survivor = await StartAsync(NewStore(), r => RegisterChain(r, 3, 0));
        using var deadline = new CancellationTokenSource(Deadline);
        var done = await survivor.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task RowOverwrittenByALateWriter_PartitionOwnersRecoveryPass_RepairsIt_AndTerminateIsNoLongerIgnored()
    {
        var firstStore = NewStore();
        var first = await StartAsync(firstStore, r => RegisterChain(r, 1, 0));
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        using (var deadline = new CancellationTokenSource(Deadline))
        {
            await first.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
        }

        Cleanup.Remove(first);
        await first.DisposeAsync();
        await firstStore.DisposeAsync();

        // What an unconditional row write from a process that had lost the partition left behind: a Running row.
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(Hub + "Instances");
        var row = (await table.GetEntityAsync<TableEntity>(id, string.Empty)).Value;
        row["RuntimeStatus"] = nameof(OrchestrationRuntimeStatus.Running);
        row.Remove("Output");
        row.Remove("CompletedTime");
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        // The next owner of the partition checks unfinished rows against their history when it takes the partition.
        var nextStore = NewStore();
        var next = await StartAsync(nextStore, r => RegisterChain(r, 1, 0));
        var repaired = await Eventually.UntilAsync(
            () => next.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            "the row repaired by the recovery pass",
            Deadline);
        Assert.Equal(2, repaired!.ReadOutputAs<int>());
    }

    [Fact]
    public async Task LateRowWrite_FromAnOlderStep_NeverReplacesTheRowOfALaterStep()
    {
        var store = NewStore();
        await store.CreateIfNotExistsAsync();
        var table = new InstanceTable(new TableServiceClient(Azurite.ConnectionString).GetTableClient(Hub + "Instances"), null!);
        var running = new InstanceState("late-1", "Chain") { ExecutionId = "e1", RuntimeStatus = OrchestrationRuntimeStatus.Running, CreatedAt = DateTime.UtcNow };
        var created = await table.WriteAsync(running, position: 3, etag: null, null, null, CancellationToken.None);

        // A later step completes the run, then the older step's write arrives with the ETag it had read before.
        var completed = running with { RuntimeStatus = OrchestrationRuntimeStatus.Completed, Output = "4" };
        Assert.NotNull(await table.WriteAsync(completed, position: 9, created!.Value.ETag, running, null, CancellationToken.None));
        var late = await table.WriteAsync(running, position: 5, created.Value.ETag, running, null, CancellationToken.None);

        Assert.Null(late);
        var stored = await table.GetAsync("late-1", includePayloads: true, CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, stored!.Value.State.RuntimeStatus);
    }

    [Fact]
    public async Task TwoEngines_OneKilledAtRandomMomentsAcrossManyRuns_EveryRunCompletes_NoneWedged_NoResultTwice()
    {
        const int Runs = 48;
        const int Steps = 4;
        var executions = new ConcurrentDictionary<string, int>();
        void Register(DurableTaskRegistry r) => RegisterChain(r, Steps, 40);

        var stores = new[] { NewStore(), NewStore() };
        var hosts = new[] { await StartAsync(stores[0], Register), await StartAsync(stores[1], Register) };
        var ids = new List<string>();
        var kills = 0;
        var random = new Random(1414);
        var clock = Stopwatch.StartNew();

        // Runs start in waves while an engine is killed (dead: no renewals, no deletions, leases released as a process
        // that crashes on a graceful path would, or left to expire) at a random moment of each wave.
        for (var wave = 0; wave < 4; wave++)
        {
            var starts = Enumerable.Range(0, Runs / 4).Select(i => hosts[i % 2].Client.ScheduleNewOrchestrationInstanceAsync("Chain", 0)).ToList();
            await Task.Delay(random.Next(50, 600));
            var victim = random.Next(2);
            await stores[victim].StopAbruptlyAsync(releaseLeases: wave % 2 == 0);
            Cleanup.Remove(hosts[victim]);
            await hosts[victim].DisposeAsync();
            kills++;

            foreach (var start in starts)
            {
                try
                {
                    ids.Add(await start);
                }
                catch (Exception)
                {
                    // The start call ran on the killed engine and may not have been written: no run to wait for.
                }
            }

            stores[victim] = NewStore();
            hosts[victim] = await StartAsync(stores[victim], Register);
        }

        var client = hosts[0].Client;
        var finished = await Task.WhenAll(ids.Select(async id =>
        {
            using var deadline = new CancellationTokenSource(Deadline);
            return await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
        }));
        var elapsed = clock.Elapsed;

        var wedged = 0;
        var duplicated = 0;
        foreach (var id in ids)
        {
            var history = (await client.GetInstanceHistoryAsync(id))!;
            var completions = history.Where(e => e.EventType == HistoryEventType.TaskCompleted).Select(e => e.TaskScheduledId).ToList();
            duplicated += completions.Count - completions.Distinct().Count();
            var row = await stores[0].GetInstanceAsync(id, includePayloads: false);
            if (history.Any(e => e.EventType == HistoryEventType.ExecutionCompleted) && row?.RuntimeStatus.IsTerminal() != true)
            {
                wedged++;
            }
        }

        output.WriteLine($"{ids.Count} runs, {kills} kills: {finished.Count(f => f.RuntimeStatus == OrchestrationRuntimeStatus.Completed)} completed, {wedged} wedged, {duplicated} duplicated results, {elapsed.TotalSeconds:F1} s.");
        Assert.True(ids.Count >= Runs / 2, $"Only {ids.Count} of {Runs} starts were accepted.");
        Assert.All(finished, f => Assert.Equal(OrchestrationRuntimeStatus.Completed, f.RuntimeStatus));
        Assert.All(finished, f => Assert.Equal(Steps, f.ReadOutputAs<int>()));
        Assert.Equal(0, wedged);
        Assert.Equal(0, duplicated);
    }

    [Fact]
    public async Task EngineKilledWithLeasesHeld_RunsItHeldResume_SoonAfterItsLeasesExpire_NotAfterAVisibilityTimeout()
    {
        // Default visibility timeouts: what the dead engine held must not stay hidden longer than its leases.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<int, int>("Slow", async (_, x) =>
            {
                // The first attempt (on the doomed engine) is held for longer than a visibility timeout, renewed.
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    started.TrySetResult();
                    await release.Task;
                }

                return x + 1;
            })
            .AddOrchestratorFunc<int, int>("Once", async (ctx, x) => await ctx.CallActivityAsync<int>("Slow", x));

        static void Defaults(AzureStorageOrchestrationStoreOptions o)
        {
            o.ControlQueueVisibilityTimeout = new AzureStorageOrchestrationStoreOptions().ControlQueueVisibilityTimeout;
            o.WorkItemVisibilityTimeout = new AzureStorageOrchestrationStoreOptions().WorkItemVisibilityTimeout;
            o.BalancePartitions = false;
        }

        var doomedStore = NewStore(Defaults);
        var doomed = await StartAsync(doomedStore, Register);
        await Eventually.UntilAsync(() => Task.FromResult(doomedStore.OwnedPartitionCount), n => n == 4, "the doomed engine owning every partition", Deadline);
        var survivorStore = NewStore(Defaults);
        var survivor = await StartAsync(survivorStore, Register);
        var id = await doomed.Client.ScheduleNewOrchestrationInstanceAsync("Once", 1);
        await started.Task.WaitAsync(Deadline);

        // Held past a whole visibility timeout: the renewals keep the request hidden from the survivor meanwhile.
        await Task.Delay(new AzureStorageOrchestrationStoreOptions().WorkItemVisibilityTimeout + TimeSpan.FromSeconds(2));
        Assert.Equal(1, Volatile.Read(ref attempts));

        var killedAt = Stopwatch.StartNew();
        await doomedStore.StopAbruptlyAsync(releaseLeases: false);
        release.TrySetResult();
        Cleanup.Remove(doomed);
        await doomed.DisposeAsync();

        using var deadline = new CancellationTokenSource(Deadline);
        var done = await survivor.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
        var recovery = killedAt.Elapsed;
        output.WriteLine($"Recovered {recovery.TotalSeconds:F1} s after the kill (lease duration 15 s).");

        Assert.Equal(2, done.ReadOutputAs<int>());
        Assert.True(
            recovery < TimeSpan.FromSeconds(15) + new AzureStorageOrchestrationStoreOptions().WorkItemVisibilityTimeout,
            $"Recovery took {recovery.TotalSeconds:F1} s: held messages waited out their visibility timeout after the lease expired.");
    }
}
