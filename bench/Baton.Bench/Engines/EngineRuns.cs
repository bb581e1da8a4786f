using Baton.Bench.Results;

namespace Baton.Bench.Engines;

/// <summary>The results of each run on Baton and, when compared, on the peer.</summary>
internal sealed record EngineRuns<T>(IReadOnlyList<T> Baton, IReadOnlyList<T>? Peer)
{
    /// <summary>One figure per run on each engine.</summary>
    public Metric Figure(string workload, string name, string unit, Better better, Func<T, double> select) =>
        new(workload, name, unit, [.. Baton.Select(select)]) { Peer = Peer?.Select(select).ToList(), Better = better };

    /// <summary>Several samples per run on each engine (one per operation), with the 99th percentile as the upper figure.</summary>
    public Metric Samples(string workload, string name, string unit, Better better, Func<T, IEnumerable<double>> select) =>
        new(workload, name, unit, [.. Baton.SelectMany(select)], Spread.P99) { Peer = Peer?.SelectMany(select).ToList(), Better = better };

    /// <summary>A figure only Baton has.</summary>
    public Metric BatonOnly(string workload, string name, string unit, Func<T, double> select) =>
        new(workload, name, unit, [.. Baton.Select(select)]);
}
