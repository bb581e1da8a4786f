using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Baton.Durable;
using Baton.Durable.AzureStorage;
using Baton.Durable.Storage;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Bench.Faults;

/// <summary>
/// The fault soak (<c>--fault-soak</c>): two engines on one task hub of a private Azurite, with the store's default
/// leases and visibility timeouts; one of them is killed (stopped dead, leases left to expire, as kill -9 leaves
/// them) at a random moment of each wave of runs and replaced by a fresh engine. Prints, per kill, how long the runs
/// in flight took to finish after it (the recovery time, to compare with the lease duration), then how many runs
/// completed, how many were left wedged (a row that is not finished over a finished history) and how many activity
/// results were recorded twice.
/// </summary>
internal static class FaultSoak
{
    public const string Mode = "--fault-soak";

    private const string Usage = """
        Usage: Baton.Bench --fault-soak [--runs N] [--kills K] [--seed S]
          --runs N    runs in all (default 200), started in K waves
          --kills K   engines killed, one per wave (default 8)
          --seed S    seed of the random kill moments (default: time-based)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var runs = 200;
        var kills = 8;
        var seed = Environment.TickCount;
        for (var i = 1; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--runs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1:
                    runs = n;
                    i++;
                    break;
                case "--kills" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1:
                    kills = k;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return 1;
            }
        }

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            return await SoakAsync(azurite.ConnectionString, runs, kills, seed);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<int> SoakAsync(string connectionString, int runs, int kills, int seed)
    {
        const int Steps = 4;
        var hub = AzuriteFixture.NewHubName("Soak");
        var defaults = new AzureStorageOrchestrationStoreOptions();
        Console.WriteLine($"Fault soak: {runs} runs of {Steps} activities, {kills} kills, seed {seed}");
        Console.WriteLine($"  lease {defaults.LeaseDuration.TotalSeconds:F0} s, control visibility {defaults.ControlQueueVisibilityTimeout.TotalSeconds:F0} s, "
            + $"work-item visibility {defaults.WorkItemVisibilityTimeout.TotalSeconds:F0} s; target recovery: lease + 5 s = {defaults.LeaseDuration.TotalSeconds + 5:F0} s");

        var random = new Random(seed);
        var engines = new Engine[] { await Engine.StartAsync(connectionString, hub, Steps), await Engine.StartAsync(connectionString, hub, Steps) };
        var ids = new List<string>();
        var recoveries = new List<TimeSpan>();
        var total = Stopwatch.StartNew();
        try
        {
            for (var wave = 0; wave < kills; wave++)
            {
                var count = runs / kills + (wave < runs % kills ? 1 : 0);
                var starts = Enumerable.Range(0, count).Select(i => engines[i % 2].Host.Client.ScheduleNewOrchestrationInstanceAsync("SoakChain", 0)).ToList();
                await Task.Delay(random.Next(100, 1500));
                var victim = random.Next(2);
                var killedAt = Stopwatch.StartNew();
                await engines[victim].KillAsync();
                var accepted = new List<string>();
                foreach (var start in starts)
                {
                    try
                    {
                        accepted.Add(await start);
                    }
                    catch (Exception)
                    {
                        // A start on the engine that died may not have been written: there is no run to wait for.
                    }
                }

                engines[victim] = await Engine.StartAsync(connectionString, hub, Steps);
                using var watching = new CancellationTokenSource();
                var ownedAgain = OwnedAgainAsync(engines, defaults.PartitionCount, killedAt, watching.Token);
                var survivor = engines[1 - victim].Host.Client;
                await Task.WhenAll(accepted.Select(async id =>
                {
                    using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                    await survivor.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, deadline.Token);
                }));
                var recovery = killedAt.Elapsed;
                await watching.CancelAsync();
                var owned = await ownedAgain;
                recoveries.Add(recovery);
                ids.AddRange(accepted);
                Console.WriteLine($"  kill {wave + 1,2}: engine {victim} killed, {accepted.Count} of {count} runs accepted, every partition owned again "
                    + $"{(owned is { } o ? $"{o.TotalSeconds,5:F1} s" : "  -  ")}, all finished {recovery.TotalSeconds,5:F1} s after the kill");
            }

            var client = engines[0].Host.Client;
            var store = engines[0].Store;
            int completed = 0, wedged = 0, failed = 0, duplicated = 0;
            foreach (var id in ids)
            {
                var row = await store.GetInstanceAsync(id, includePayloads: true);
                var history = await store.GetHistoryAsync(id);
                var results = history.Where(e => e.EventType == HistoryEventType.TaskCompleted).Select(e => e.TaskScheduledId).ToList();
                duplicated += results.Count - results.Distinct().Count();
                if (row is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && row.Output == Steps.ToString(CultureInfo.InvariantCulture))
                {
                    completed++;
                }
                else
                {
                    var finished = history.LastOrDefault(e => e.EventType == HistoryEventType.ExecutionCompleted);
                    if (finished?.OrchestrationStatus is { } status && status.IsTerminal() && row?.RuntimeStatus.IsTerminal() != true)
                    {
                        wedged++;
                    }
                    else
                    {
                        failed++;
                    }

                    Console.WriteLine($"  run {id}: row {row?.RuntimeStatus.ToString() ?? "missing"} ({row?.FailureDetails?.Summary ?? row?.Output}), history ends {finished?.OrchestrationStatus.ToString() ?? "unfinished"}");
                }
            }

            var sorted = recoveries.Order().ToList();
            Console.WriteLine();
            Console.WriteLine($"  runs      {ids.Count} accepted, {completed} completed, {failed} failed, {wedged} wedged, {duplicated} duplicated results");
            Console.WriteLine($"  recovery  median {sorted[sorted.Count / 2].TotalSeconds:F1} s, max {sorted[^1].TotalSeconds:F1} s after a kill "
                + $"(lease {defaults.LeaseDuration.TotalSeconds:F0} s; target {defaults.LeaseDuration.TotalSeconds + 5:F0} s)");
            Console.WriteLine($"  total     {total.Elapsed.TotalSeconds:F1} s");
            return completed == ids.Count && failed == 0 && wedged == 0 && duplicated == 0 ? 0 : 3;
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// How long after the kill the live engines owned every partition between them again (the dead engine's leases
    /// expired and were taken), or null when that did not happen before the runs finished.
    /// </summary>
    private static async Task<TimeSpan?> OwnedAgainAsync(Engine[] engines, int partitionCount, Stopwatch killedAt, CancellationToken cancellationToken)
    {
        try
        {
            while (engines.Sum(e => e.Store.OwnedPartitionCount) < partitionCount)
            {
                await Task.Delay(100, cancellationToken);
            }

            return killedAt.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>One engine process, as far as the soak is concerned: a store and a worker.</summary>
    private sealed class Engine : IAsyncDisposable
    {
        private bool _killed;

        private Engine(AzureStorageOrchestrationStore store, DurableHost host)
        {
            Store = store;
            Host = host;
        }

        public AzureStorageOrchestrationStore Store { get; }

        public DurableHost Host { get; }

        public static async Task<Engine> StartAsync(string connectionString, string hub, int steps)
        {
            var store = new AzureStorageOrchestrationStore(new AzureStorageOrchestrationStoreOptions { ConnectionString = connectionString, HubName = hub });
            await store.CreateIfNotExistsAsync();
            var host = await DurableHost.StartAsync(
                r => r
                    .AddActivityFunc<int, int>("SoakIncrement", async (_, x) =>
                    {
                        await Task.Delay(Random.Shared.Next(40));
                        return x + 1;
                    })
                    .AddOrchestratorFunc<int, int>("SoakChain", async (ctx, x) =>
                    {
                        for (var i = 0; i < steps; i++)
                        {
                            x = await ctx.CallActivityAsync<int>("SoakIncrement", x);
                        }

                        return x;
                    }),
                services => services.AddSingleton<IOrchestrationStore>(store),
                configureWorker: o => o.ShutdownGracePeriod = TimeSpan.FromMilliseconds(100));
            return new Engine(store, host);
        }

        /// <summary>Stops dead, as kill -9 would: no more polls, renewals or deletions, and leases left to expire.</summary>
        public async Task KillAsync()
        {
            _killed = true;
            await Store.StopAbruptlyAsync(releaseLeases: false);
            await Host.DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_killed)
            {
                await Host.DisposeAsync();
            }

            await Store.DisposeAsync();
        }
    }
}
