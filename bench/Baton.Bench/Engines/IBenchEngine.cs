namespace Baton.Bench.Engines;

/// <summary>
/// One durable engine under measurement, started on its own empty task hub: Baton's engine or the Durable Task
/// Framework's Azure Storage provider (the peer). Workloads drive both through this surface, with the same
/// orchestrations (<see cref="Workloads.BenchTasks"/>), so that their figures compare.
/// </summary>
internal interface IBenchEngine : IAsyncDisposable
{
    /// <summary>"Baton" or "DTFx", for the output.</summary>
    string Name { get; }

    /// <summary>Starts an orchestration by name with an integer input; returns its instance id.</summary>
    Task<string> StartAsync(string orchestration, int input);

    /// <summary>Waits until the instance completed and returns its output (JSON); throws when it ended otherwise.</summary>
    Task<string?> CompletedAsync(string instanceId);

    /// <summary>Waits until the instance's first step has committed (it is Running).</summary>
    Task StartedAsync(string instanceId);

    /// <summary>Raises the benchmark's event on the instance.</summary>
    Task RaiseAsync(string instanceId);

    /// <summary>Storage requests the engine (worker and client) sent so far, or null when its store does not count them.</summary>
    long? StorageRequests { get; }

    /// <summary>Storage requests by kind so far (empty when not counted).</summary>
    IReadOnlyDictionary<string, long> RequestsByKind { get; }

    /// <summary>
    /// Arguments of this program (in <c>--client</c> mode) for a client of the same task hub in another process; null
    /// when the engine's store lives only in this process.
    /// </summary>
    IReadOnlyList<string>? ClientProcessArguments { get; }
}
