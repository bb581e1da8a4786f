using System.Globalization;
using System.Text.Json;

namespace Baton.Agents;

/// <summary>
/// Writes a JSON value that satisfies a JSON schema, asking <see cref="OfflineValues"/> for the content: objects with
/// every property (required ones always), arrays of as many items as the values give (within minItems/maxItems), the
/// const, the default, the enum value the values choose, numbers within their bounds, booleans, and strings
/// (formats date-time, date, uri, email and uuid are honoured). Each object and array item has its own
/// <see cref="OfflineScope"/>, so an item can carry one fact and a confidence can follow the choice made beside it.
/// Follows local <c>$ref</c>s, takes the first non-null branch of anyOf/oneOf, and stops nesting past a fixed depth.
/// Deterministic.
/// </summary>
internal sealed class OfflineJsonWriter(JsonElement root, OfflineValues values)
{
    private const int MaxDepth = 8;

    public string Write()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteValue(writer, root, "value", 0, new OfflineScope(null, null, null, 0));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private void WriteValue(Utf8JsonWriter writer, JsonElement schema, string name, int depth, OfflineScope scope)
    {
        schema = Resolve(schema);
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
        {
            writer.WriteStringValue(values.Text(name, scope));
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (values.UseDefaults && schema.TryGetProperty("default", out var defaultValue))
        {
            defaultValue.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
        {
            var candidates = options.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToList();
            var strings = candidates.Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
            var pick = strings.Count == candidates.Count && strings.Count > 0 ? values.Choose(name, strings, scope).Index : 0;
            (candidates.Count == 0 ? options[0] : candidates[Math.Clamp(pick, 0, candidates.Count - 1)]).WriteTo(writer);
            return;
        }

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                var branch = branches.EnumerateArray().Select(Resolve).FirstOrDefault(b => TypeOf(b) != "null");
                WriteValue(writer, branch.ValueKind == JsonValueKind.Undefined ? branches[0] : branch, name, depth, scope);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(writer, schema, depth, new OfflineScope(scope, scope.Fact, scope.ArrayName, scope.Index));
                break;
            case "array":
                WriteArray(writer, schema, name, depth, scope);
                break;
            case "integer":
                writer.WriteNumberValue((long)Math.Round(NumberWithin(schema, name, scope, integer: true)));
                break;
            case "number":
                writer.WriteNumberValue(NumberWithin(schema, name, scope, integer: false));
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(StringWithin(schema, name, scope));
                break;
        }
    }

    private void WriteObject(Utf8JsonWriter writer, JsonElement schema, int depth, OfflineScope scope)
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
                WriteValue(writer, property.Value, property.Name, depth + 1, scope);
            }
        }

        writer.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter writer, JsonElement schema, string name, int depth, OfflineScope scope)
    {
        var min = schema.TryGetProperty("minItems", out var minItems) && minItems.TryGetInt32(out var mi) ? mi : 0;
        var max = schema.TryGetProperty("maxItems", out var maxItems) && maxItems.TryGetInt32(out var ma) ? ma : int.MaxValue;
        var items = schema.TryGetProperty("items", out var itemSchema) ? Resolve(itemSchema) : default;
        var objects = items.ValueKind == JsonValueKind.Object && TypeOf(items) == "object";
        var count = depth >= MaxDepth ? min : Math.Clamp(values.Count(name, objects, scope), min, Math.Max(min, max));
        writer.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            var item = values.Item(scope, name, i);
            if (items.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteStringValue(values.Text(name, item));
            }
            else
            {
                WriteValue(writer, items, name, depth + 1, item);
            }
        }

        writer.WriteEndArray();
    }

    private string StringWithin(JsonElement schema, string name, OfflineScope scope)
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
            _ => values.Text(name, scope),
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

    private double NumberWithin(JsonElement schema, string name, OfflineScope scope, bool integer)
    {
        double? low = schema.TryGetProperty("minimum", out var minimum) && minimum.TryGetDouble(out var lo) ? lo : null;
        double? high = schema.TryGetProperty("maximum", out var maximum) && maximum.TryGetDouble(out var hi) ? hi : null;
        // Exclusive bounds: one step inside (a whole step for integers, a hundredth otherwise).
        var step = integer ? 1 : 0.01;
        if (schema.TryGetProperty("exclusiveMinimum", out var exMin) && exMin.TryGetDouble(out var exLo))
        {
            low = exLo + step;
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var exMax) && exMax.TryGetDouble(out var exHi))
        {
            high = exHi - step;
        }

        var value = values.Number(name, low, high, integer, scope);
        return Math.Clamp(value, low ?? double.MinValue, high ?? double.MaxValue);
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
