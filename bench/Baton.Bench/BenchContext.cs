using System.Diagnostics;
using Baton.Bench.Stores;
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
