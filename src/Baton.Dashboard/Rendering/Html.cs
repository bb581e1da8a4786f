using System.Text.Encodings.Web;

namespace Baton.Dashboard;

/// <summary>Encoding for text and attribute values written into the pages; every recorded value goes through it.</summary>
internal static class Html
{
    // Markup-significant characters are still escaped; other letters stay readable in the page source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string E(string? text) => text is null ? string.Empty : Encoder.Encode(text);

    public static string E(object? value) => E(value?.ToString());

    /// <summary>Text cut to <paramref name="length"/> characters with an ellipsis, encoded.</summary>
    public static string Short(string? text, int length) =>
        text is null ? string.Empty : E(text.Length <= length ? text : text[..length] + "…");
}
