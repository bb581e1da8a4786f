using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Agents;

namespace Baton.Workflows;

/// <summary>
/// The values a declarative step can read: the input, the workflow, step outputs by name and, inside a loop or a
/// parallel branch, that scope's own values. A child scope sees its parent's values; writes go to the scope written to.
/// Orchestration-side: built only from recorded results.
/// </summary>
internal sealed class ValueScope(ValueScope? parent = null)
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string name, JsonNode? value) => _values[name] = value;

    /// <summary>Records a step's output at the root, so that it outlives the loop iteration or branch that produced it.</summary>
    public void SetOutput(string name, JsonNode? value) => Root._values[name] = value;

    public ValueScope? Parent { get; } = parent;

    private ValueScope Root => Parent is null ? this : Parent.Root;

    public JsonNode? Resolve(ValuePath path)
    {
        JsonNode? node = null;
        var found = false;
        for (var scope = this; scope is not null && !found; scope = scope.Parent)
        {
            found = scope._values.TryGetValue(path.Root, out node);
        }

        if (!found)
        {
            return null;
        }

        foreach (var segment in path.Segments.Skip(1))
        {
            node = node switch
            {
                JsonObject obj => Property(obj, segment),
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static JsonNode? Property(JsonObject obj, string name)
    {
        if (obj.TryGetPropertyValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, candidate) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The text of a value as a prompt shows it: strings bare, numbers invariant, objects and arrays as JSON, null empty.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(StructuredOutputValidator.SerializerOptions),
    };

    /// <summary>False for null, false, "", "false", 0 and empty arrays or objects; true otherwise.</summary>
    public static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.True => true,
            JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } s && !string.Equals(s, "false", StringComparison.OrdinalIgnoreCase),
            JsonValueKind.Number => value.ToJsonString() != "0",
            _ => true,
        },
        _ => true,
    };

    /// <summary>Serializes any value to a node, with the same JSON options structured outputs use.</summary>
    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, StructuredOutputValidator.SerializerOptions);
}
