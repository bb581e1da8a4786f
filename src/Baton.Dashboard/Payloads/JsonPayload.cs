using System.Globalization;
using System.Text.Json;

namespace Baton.Dashboard;

/// <summary>
/// Lenient reads of recorded payloads: property names match case-insensitively and a missing or differently shaped
/// field reads as null, because history written by older workflow versions must still display.
/// </summary>
internal static class JsonPayload
{
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonElement? Property(this JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    public static string? String(this JsonElement? element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static long? Long(this JsonElement? element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static int? Int(this JsonElement? element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    public static decimal? Decimal(this JsonElement? element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDecimal(out var number) ? number : null;

    public static bool? Bool(this JsonElement? element, string name) =>
        element.Property(name) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => null,
        };

    public static DateTime? Time(this JsonElement? element, string name) =>
        element.String(name) is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    public static IReadOnlyList<string> Strings(this JsonElement? element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    /// <summary>Indented JSON for display; the text itself when it is not JSON.</summary>
    public static string Pretty(string? json)
    {
        if (Parse(json) is not { } element)
        {
            return json ?? string.Empty;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString() ?? string.Empty
            : JsonSerializer.Serialize(element, PrettyOptions);
    }

    private static readonly JsonSerializerOptions PrettyOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
