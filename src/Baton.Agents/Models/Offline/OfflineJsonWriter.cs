using System.Globalization;
using System.Text.Json;

namespace Baton.Agents;

/// <summary>
/// Writes a JSON value that satisfies a JSON schema: objects with every property (required ones always), arrays of
/// two items (within minItems/maxItems), the const, the enum value the caller picks (else the first), numbers within
/// their bounds, booleans, and
/// strings from a caller-given source (formats date-time, date, uri, email and uuid are honoured). Follows local
/// <c>$ref</c>s, takes the first non-null branch of anyOf/oneOf, and stops nesting past a fixed depth. Deterministic.
/// </summary>
internal sealed class OfflineJsonWriter(JsonElement root, Func<string, string> stringFor, Func<IReadOnlyList<string>, int>? enumFor = null)
{
    private const int MaxDepth = 8;

    public string Write()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteValue(writer, root, "value", 0);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private void WriteValue(Utf8JsonWriter writer, JsonElement schema, string name, int depth)
    {
        schema = Resolve(schema);
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
        {
            writer.WriteStringValue(stringFor(name));
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            var candidates = values.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToList();
            var strings = candidates.Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
            var pick = enumFor is not null && strings.Count == candidates.Count && strings.Count > 0 ? enumFor(strings) : 0;
            (candidates.Count == 0 ? values[0] : candidates[Math.Clamp(pick, 0, candidates.Count - 1)]).WriteTo(writer);
            return;
        }

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                var branch = branches.EnumerateArray().Select(Resolve).FirstOrDefault(b => TypeOf(b) != "null");
                WriteValue(writer, branch.ValueKind == JsonValueKind.Undefined ? branches[0] : branch, name, depth);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(writer, schema, depth);
                break;
            case "array":
                WriteArray(writer, schema, name, depth);
                break;
            case "integer":
                writer.WriteNumberValue((long)Math.Round(NumberWithin(schema, 1)));
                break;
            case "number":
                writer.WriteNumberValue(NumberWithin(schema, 1.5));
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(StringWithin(schema, name));
                break;
        }
    }

    private void WriteObject(Utf8JsonWriter writer, JsonElement schema, int depth)
    {
        writer.WriteStartObject();
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                // Deep inside recursive types only what is required is written, so the value stays finite.
                if (depth >= MaxDepth && !required.Contains(property.Name))
                {
                    continue;
                }

                writer.WritePropertyName(property.Name);
                WriteValue(writer, property.Value, property.Name, depth + 1);
            }
        }

        writer.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter writer, JsonElement schema, string name, int depth)
    {
        var min = schema.TryGetProperty("minItems", out var minItems) && minItems.TryGetInt32(out var mi) ? mi : 0;
        var max = schema.TryGetProperty("maxItems", out var maxItems) && maxItems.TryGetInt32(out var ma) ? ma : int.MaxValue;
        var count = depth >= MaxDepth ? min : Math.Clamp(2, min, Math.Max(min, max));
        writer.WriteStartArray();
        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        for (var i = 0; i < count; i++)
        {
            if (items.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteStringValue(stringFor(name + (i + 1).ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                WriteValue(writer, items, i == 0 ? name : name + (i + 1).ToString(CultureInfo.InvariantCulture), depth + 1);
            }
        }

        writer.WriteEndArray();
    }

    private string StringWithin(JsonElement schema, string name)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var value = format switch
        {
            "date-time" => "2025-01-01T00:00:00Z",
            "date" => "2025-01-01",
            "time" => "00:00:00",
            "uri" or "url" => "https://example.com/offline",
            "email" => "offline@example.com",
            "uuid" => "00000000-0000-4000-8000-000000000000",
            _ => stringFor(name),
        };
        if (schema.TryGetProperty("maxLength", out var maxLength) && maxLength.TryGetInt32(out var max) && value.Length > max)
        {
            value = value[..max];
        }

        if (schema.TryGetProperty("minLength", out var minLength) && minLength.TryGetInt32(out var min) && value.Length < min)
        {
            value = value.PadRight(min, '.');
        }

        return value;
    }

    private static double NumberWithin(JsonElement schema, double preferred)
    {
        double? low = schema.TryGetProperty("minimum", out var minimum) && minimum.TryGetDouble(out var lo) ? lo : null;
        double? high = schema.TryGetProperty("maximum", out var maximum) && maximum.TryGetDouble(out var hi) ? hi : null;
        if (schema.TryGetProperty("exclusiveMinimum", out var exMin) && exMin.TryGetDouble(out var exLo))
        {
            low = exLo + 1;
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var exMax) && exMax.TryGetDouble(out var exHi))
        {
            high = exHi - 1;
        }

        return (low, high) switch
        {
            ({ } l, { } h) => l + ((h - l) / 2),
            ({ } l, null) => Math.Max(l, preferred),
            (null, { } h) => Math.Min(h, preferred),
            _ => preferred,
        };
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "string";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString() ?? "string";
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToList();
                return types.FirstOrDefault(t => t != "null") ?? types.FirstOrDefault() ?? "string";
            }
        }

        if (schema.TryGetProperty("properties", out _))
        {
            return "object";
        }

        return schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 32 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var pointer = reference.GetString();
            if (pointer is null || !pointer.StartsWith('#'))
            {
                break;
            }

            var target = root;
            foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(key, out var next))
                {
                    target = next;
                }
                else if (target.ValueKind == JsonValueKind.Array && int.TryParse(key, CultureInfo.InvariantCulture, out var index) && index < target.GetArrayLength())
                {
                    target = target[index];
                }
                else
                {
                    return schema;
                }
            }

            schema = target;
        }

        return schema;
    }
}
