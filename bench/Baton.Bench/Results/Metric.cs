namespace Baton.Bench.Results;

/// <summary>One measured figure: every sample of it (one per run, or one per operation), summarised by its median.</summary>
internal sealed record Metric(string Workload, string Name, string Unit, IReadOnlyList<double> Samples, Spread Spread = Spread.Max)
{
    public double Median => Percentile(50);

    public double Min => Samples.Count == 0 ? double.NaN : Samples.Min();

    public double Max => Samples.Count == 0 ? double.NaN : Samples.Max();

    /// <summary>The figure printed in the last column: the maximum or the 99th percentile.</summary>
    public double Upper => Spread == Spread.P99 ? Percentile(99) : Max;

    /// <summary>Percentile by linear interpolation between closest ranks (the median of an even count is the mean of the middle two).</summary>
    public double Percentile(double p)
    {
        if (Samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Samples.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
