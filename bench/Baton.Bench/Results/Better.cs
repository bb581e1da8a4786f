namespace Baton.Bench.Results;

/// <summary>Which way a metric is better, for the advantage column against the peer.</summary>
internal enum Better
{
    /// <summary>Not compared (a count, a setting, a spread).</summary>
    None,

    /// <summary>Lower is better (times, requests): advantage = peer / Baton.</summary>
    Lower,

    /// <summary>Higher is better (throughputs): advantage = Baton / peer.</summary>
    Higher,
}
