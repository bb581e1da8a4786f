namespace Baton.Bench.Results;

/// <summary>
/// One measured figure: every sample of it (one per run, or one per operation), summarised by its median; with the
/// peer's samples of the same figure when the run compares engines.
/// </summary>
internal sealed record Metric(string Workload, string Name, string Unit, IReadOnlyList<double> Samples, Spread Spread = Spread.Max)
{
    /// <summary>The peer engine's samples of the same figure; null when not measured on the peer.</summary>
    public IReadOnlyList<double>? Peer { get; init; }

    /// <summary>Which way is better, for <see cref="Advantage"/>.</summary>
    public Better Better { get; init; }

    public double Median => Percentile(Samples, 50);

    public double Min => Samples.Count == 0 ? double.NaN : Samples.Min();

    public double Max => Samples.Count == 0 ? double.NaN : Samples.Max();

    /// <summary>The figure printed in the last column: the maximum or the 99th percentile.</summary>
    public double Upper => Spread == Spread.P99 ? Percentile(99) : Max;

    /// <summary>The peer's median, or NaN.</summary>
    public double PeerMedian => Peer is null ? double.NaN : Percentile(Peer, 50);

    /// <summary>
    /// How many times better Baton's median is than the peer's: peer / Baton for lower-is-better figures, Baton / peer
    /// for higher-is-better ones; NaN when not compared, or when a median is not positive (an early timer has no ratio).
    /// </summary>
    public double Advantage => Peer is null || Better == Better.None || !(Median > 0) || !(PeerMedian > 0)
        ? double.NaN
        : Better == Better.Lower ? PeerMedian / Median : Median / PeerMedian;

    public double Percentile(double p) => Percentile(Samples, p);

    /// <summary>Percentile by linear interpolation between closest ranks (the median of an even count is the mean of the middle two).</summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
