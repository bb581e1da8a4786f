using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Baton.Scheduling;

/// <summary>
/// Builds the input of one run: the definition's factory, or its JSON input with occurrence placeholders filled in.
/// Hosts that fire schedules themselves (an Azure Functions timer trigger) use it to give the same input.
/// </summary>
public static partial class ScheduleInput
{
    /// <summary>The input of the run for <paramref name="occurrence"/> of <paramref name="definition"/>.</summary>
    public static object? For(ScheduleDefinition definition, ScheduleOccurrence occurrence)
    {
        if (definition.InputFactory is { } factory)
        {
            return factory(occurrence);
        }

        if (definition.Input is not { } input || input.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        var node = JsonNode.Parse(input.GetRawText());
        return JsonSerializer.SerializeToElement(Fill(node, occurrence.OccurrenceLocal));
    }

    /// <summary>Replaces <c>{occurrence[+-N(d|h|m)][:FORMAT]}</c> in every string of the tree, in place.</summary>
    public static JsonNode? Fill(JsonNode? node, DateTimeOffset occurrence)
    {
        if (Replace(node, occurrence) is { } replaced)
        {
            return replaced;
        }

        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (Replace(obj[key], occurrence) is { } value)
                {
                    obj[key] = value;
                }
                else
                {
                    Fill(obj[key], occurrence);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (Replace(array[i], occurrence) is { } value)
                {
                    array[i] = value;
                }
                else
                {
                    Fill(array[i], occurrence);
                }
            }
        }

        return node;
    }

    private static JsonValue? Replace(JsonNode? node, DateTimeOffset occurrence) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Contains("{occurrence", StringComparison.Ordinal)
            ? JsonValue.Create(Placeholder().Replace(text, m => Format(m, occurrence)))
            : null;

    private static string Format(Match match, DateTimeOffset occurrence)
    {
        var time = occurrence;
        if (match.Groups["sign"].Success)
        {
            var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture) * (match.Groups["sign"].Value == "-" ? -1 : 1);
            time = match.Groups["unit"].Value switch
            {
                "d" => time.AddDays(amount),
                "h" => time.AddHours(amount),
                _ => time.AddMinutes(amount),
            };
        }

        var format = match.Groups["format"].Success ? match.Groups["format"].Value : "O";
        return time.ToString(format, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\{occurrence(?:(?<sign>[+-])(?<amount>\d{1,4})(?<unit>[dhm]))?(?::(?<format>[^{}]+))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
