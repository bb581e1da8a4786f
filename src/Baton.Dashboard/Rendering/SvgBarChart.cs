using System.Globalization;
using System.Text;

namespace Baton.Dashboard;

/// <summary>A horizontal bar chart as inline SVG (no script, no external assets); bars scale to the largest value.</summary>
internal static class SvgBarChart
{
    private const int Width = 720;
    private const int LabelWidth = 170;
    private const int ValueWidth = 200;
    private const int RowHeight = 30;

    public static string Render(string id, string title, IReadOnlyList<SpendBar> bars, string costPrefix, string countNoun)
    {
        if (bars.Count == 0)
        {
            return "<p class=\"empty\">Nothing spent in this range.</p>";
        }

        var max = Math.Max(bars.Max(b => b.TotalTokens), 1);
        var height = (bars.Count * RowHeight) + 8;
        var track = Width - LabelWidth - ValueWidth - 16;
        var svg = new StringBuilder();
        svg.Append("<svg id=\"").Append(id).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" role=\"img\" aria-label=\"").Append(Html.E(title)).Append("\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui,sans-serif\" font-size=\"13\">")
            .Append("<title>").Append(Html.E(title)).Append("</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 4 + (i * RowHeight);
            var length = bar.TotalTokens == 0 ? 0 : Math.Max(2, (int)Math.Round(track * (double)bar.TotalTokens / max));
            var value = $"{Display.Tokens(bar.TotalTokens)} tok · {Display.Cost(bar.EstimatedCost, costPrefix)} · {bar.Count.ToString(CultureInfo.InvariantCulture)} {countNoun}";
            svg.Append("<g class=\"bar\" data-label=\"").Append(Html.E(bar.Label)).Append("\" data-tokens=\"").Append(bar.TotalTokens.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<title>").Append(Html.E(bar.Label + ": " + value)).Append("</title>")
                .Append("<text x=\"").Append(LabelWidth - 8).Append("\" y=\"").Append(y + 18).Append("\" text-anchor=\"end\" fill=\"#1f2937\">").Append(Html.E(Cut(bar.Label, 24))).Append("</text>")
                .Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y + 4).Append("\" width=\"").Append(track).Append("\" height=\"20\" rx=\"3\" fill=\"#f3f4f6\"/>")
                .Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y + 4).Append("\" width=\"").Append(length).Append("\" height=\"20\" rx=\"3\" fill=\"#6366f1\"/>")
                .Append("<text x=\"").Append(LabelWidth + track + 8).Append("\" y=\"").Append(y + 18).Append("\" fill=\"#374151\">").Append(Html.E(value)).Append("</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
