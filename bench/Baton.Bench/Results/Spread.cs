namespace Baton.Bench.Results;

/// <summary>Which upper figure a metric reports next to its median.</summary>
internal enum Spread
{
    /// <summary>The largest sample.</summary>
    Max,

    /// <summary>The 99th percentile (nearest rank).</summary>
    P99,
}
