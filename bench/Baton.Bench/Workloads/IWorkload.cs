using Baton.Bench.Results;

namespace Baton.Bench.Workloads;

/// <summary>One measured scenario: it warms up, repeats and returns its metrics.</summary>
internal interface IWorkload
{
    /// <summary>The letter given to <c>--workloads</c>.</summary>
    string Key { get; }

    /// <summary>What it measures, for the progress output.</summary>
    string Title { get; }

    Task<IReadOnlyList<Metric>> RunAsync(BenchContext context);
}
