using System.Globalization;
using System.Text;

namespace Baton.Bench.Results;

/// <summary>Prints metrics as an aligned text table, and as a Markdown table for docs/performance.md.</summary>
internal static class ResultTable
{
    public static string Format(IReadOnlyList<Metric> metrics)
    {
        var peer = metrics.Any(m => m.Peer is not null);
        string[] header = peer
            ? ["workload", "metric", "Baton", "DTFx", "advantage", "Baton min", "Baton max/p99", "unit", "n"]
            : ["workload", "metric", "median", "min", "max/p99", "unit", "n"];
        var rows = metrics.Select(m => peer
            ? new[] { m.Workload, m.Name, Number(m.Median), Number(m.PeerMedian), Ratio(m.Advantage), Number(m.Min), Upper(m), m.Unit, Count(m) }
            : [m.Workload, m.Name, Number(m.Median), Number(m.Min), Upper(m), m.Unit, Count(m)]).ToList();

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => i >= 2 && i < cells.Length - 2 || i == cells.Length - 1 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        string? previous = null;
        foreach (var (row, metric) in rows.Zip(metrics))
        {
            if (previous is not null && previous != metric.Workload)
            {
                text.AppendLine();
            }

            previous = metric.Workload;
            Line(row);
        }

        return text.ToString();
    }

    /// <summary>The same figures as a Markdown table (medians, the peer's medians and the advantage).</summary>
    public static string Markdown(IReadOnlyList<Metric> metrics)
    {
        var text = new StringBuilder();
        text.AppendLine("| workload | metric | Baton | DTFx | advantage | Baton min–max | unit |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var m in metrics)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {m.Workload} | {m.Name.Trim()} | {Number(m.Median)} | {Number(m.PeerMedian)} | {Ratio(m.Advantage)} | {Number(m.Min)}–{Upper(m)} | {m.Unit} |");
        }

        return text.ToString();
    }

    private static string Upper(Metric m) => (m.Spread == Spread.P99 ? "p99 " : "") + Number(m.Upper);

    private static string Count(Metric m) => m.Peer is null
        ? m.Samples.Count.ToString(CultureInfo.InvariantCulture)
        : $"{m.Samples.Count}+{m.Peer.Count}";

    private static string Ratio(double value) => double.IsNaN(value) || double.IsInfinity(value)
        ? "-"
        : value.ToString(value >= 10 ? "F0" : "F1", CultureInfo.InvariantCulture) + "x";

    public static string Number(double value) => double.IsNaN(value)
        ? "-"
        : Math.Abs(value) switch
        {
            >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
            >= 100 => value.ToString("F1", CultureInfo.InvariantCulture),
            >= 1 => value.ToString("F2", CultureInfo.InvariantCulture),
            _ => value.ToString("F3", CultureInfo.InvariantCulture),
        };
}
