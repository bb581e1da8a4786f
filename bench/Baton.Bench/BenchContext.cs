using System.Diagnostics;
using Baton.Bench.Engines;
using Baton.Bench.Results;
using Baton.Bench.Stores;
using Baton.Bench.Workloads;
using Baton.Durable;
using Baton.Durable.Dispatching;
using Baton.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Bench;

/// <summary>What every workload shares: the options, the store, warm-up and repetition, and the run's notes.</summary>
internal sealed class BenchContext(BenchOptions options, IBenchStore store)
{
    private readonly List<string> _notes = [];

    /// <summary>How long any single wait may take before the run is declared stuck.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public BenchOptions Options { get; } = options;

    public IBenchStore Store { get; } = store;

    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Worker options as a host gets them by default; the benchmark measures the defaults.</summary>
    public static DurableWorkerOptions DefaultWorkerOptions { get; } = new();

    public void Note(string text)
    {
        _notes.Add(text);
        Console.WriteLine($"  note: {text}");
    }

    /// <summary>Starts a worker and client on a fresh store, with every store call counted.</summary>
    public async Task<BenchHost> StartHostAsync(Action<DurableTaskRegistry> register, Action<DurableWorkerOptions>? configureWorker = null)
    {
        var counting = new CountingStore(await Store.CreateStoreAsync(CancellationToken.None), () => Store.StorageRequests);
        var host = await DurableHost.StartAsync(
            register,
            services => services.AddSingleton<IOrchestrationStore>(counting),
            timeProvider: null,
            configureWorker);
        return new BenchHost(host, counting, Store);
    }

    /// <summary>
    /// Starts Baton on a fresh store and, with <c>--peer dtfx</c>, the Durable Task Framework on a fresh emulator of its
    /// own, both with the benchmark's orchestrations. Baton comes first.
    /// </summary>
    public async Task<EngineSet> StartEnginesAsync()
    {
        var baton = new BatonEngine(await StartHostAsync(BenchTasks.Register));
        if (Options.Peer is null)
        {
            return new EngineSet(baton, null);
        }

        var emulator = await Store.CreateEmulatorAsync();
        var peer = await DtfxEngine.StartAsync(emulator.ConnectionString, AzuriteHubName("Dtfx"), emulator);
        return new EngineSet(baton, peer);
    }

    /// <summary>A fresh task hub name.</summary>
    public static string AzuriteHubName(string prefix) => Baton.Testing.AzuriteFixture.NewHubName(prefix);

    /// <summary>
    /// Warms each engine up once, then runs <see cref="BenchOptions.Runs"/> times on each, alternating which engine
    /// goes first (Baton, peer, peer, Baton, ...), so that a noisy stretch of the shared machine hits both alike.
    /// </summary>
    public async Task<EngineRuns<T>> RepeatAsync<T>(string label, EngineSet engines, Func<IBenchEngine, bool, Task<T>> run, Func<T, string> describe)
    {
        foreach (var engine in engines.All)
        {
            Settle();
            var warm = await run(engine, true);
            Console.WriteLine($"  {label} [{engine.Name}]: warm-up {describe(warm)}");
        }

        var baton = new List<T>();
        var peer = new List<T>();
        for (var i = 0; i < Options.Runs; i++)
        {
            IEnumerable<IBenchEngine> order = i % 2 == 0 ? engines.All : engines.All.Reverse();
            foreach (var engine in order)
            {
                Settle();
                var result = await run(engine, false);
                (engine == engines.Baton ? baton : peer).Add(result);
                Console.WriteLine($"  {label} [{engine.Name}]: run {i + 1}/{Options.Runs} {describe(result)}");
            }
        }

        return new EngineRuns<T>(baton, engines.Peer is null ? null : peer);
    }

    /// <summary>
    /// Runs <paramref name="run"/> once to warm up (JIT, tiering, pools), then <see cref="BenchOptions.Runs"/> times,
    /// collecting garbage between runs so that one run's garbage is not collected during the next.
    /// </summary>
    public async Task<IReadOnlyList<T>> RepeatAsync<T>(string label, Func<bool, Task<T>> run, Func<T, string> describe)
    {
        Settle();
        var warm = await run(true);
        Console.WriteLine($"  {label}: warm-up {describe(warm)}");
        var results = new List<T>();
        for (var i = 0; i < Options.Runs; i++)
        {
            Settle();
            var result = await run(false);
            results.Add(result);
            Console.WriteLine($"  {label}: run {i + 1}/{Options.Runs} {describe(result)}");
        }

        return results;
    }

    /// <summary>A token that ends a stuck wait.</summary>
    public static CancellationToken Timeout() => new CancellationTokenSource(Deadline).Token;

    /// <summary>Waits for completion and insists that the instance completed successfully.</summary>
    public static async Task<OrchestrationMetadata> CompletedAsync(DurableTaskClient client, string instanceId, bool getInputsAndOutputs = false)
    {
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, Timeout());
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Instance {instanceId} ended {done.RuntimeStatus}: {done.FailureDetails?.Summary}");
        }

        return done;
    }

    /// <summary>Polls the history until <paramref name="done"/> holds; for setting up a measurement, never inside one.</summary>
    public static async Task<IReadOnlyList<HistoryEvent>> HistoryWhenAsync(DurableTaskClient client, string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> done)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            var history = await client.GetInstanceHistoryAsync(instanceId) ?? [];
            if (done(history))
            {
                return history;
            }

            if (until.Elapsed > Deadline)
            {
                throw new TimeoutException($"The history of {instanceId} did not reach the expected state within {Deadline}.");
            }

            await Task.Delay(5);
        }
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
