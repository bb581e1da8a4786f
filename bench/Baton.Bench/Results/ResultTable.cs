using System.Globalization;
using System.Text;

namespace Baton.Bench.Results;

/// <summary>Prints metrics as an aligned text table.</summary>
internal static class ResultTable
{
    public static string Format(IReadOnlyList<Metric> metrics)
    {
        string[] header = ["workload", "metric", "median", "min", "max/p99", "unit", "n"];
        var rows = metrics.Select(m => new[]
        {
            m.Workload,
            m.Name,
            Number(m.Median),
            Number(m.Min),
            (m.Spread == Spread.P99 ? "p99 " : "") + Number(m.Upper),
            m.Unit,
            m.Samples.Count.ToString(CultureInfo.InvariantCulture),
        }).ToList();

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var rightAligned = new[] { false, false, true, true, true, false, true };
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
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
