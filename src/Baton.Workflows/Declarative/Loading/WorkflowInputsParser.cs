using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Workflows;

/// <summary>
/// Reads a workflow file's declared inputs into a JSON Schema of the input object. Two forms load:
/// <list type="bullet">
/// <item><c>inputs:</c> with each input as a JSON Schema subset (<c>type</c>, <c>description</c>, <c>required</c>,
/// <c>enum</c>, <c>minimum</c>/<c>maximum</c>, <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>,
/// <c>minLength</c>/<c>maxLength</c>, <c>pattern</c>, <c>format</c>, <c>items</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>properties</c>, <c>default</c>), or just a description;</item>
/// <item>the older <c>input:</c>, each input with a description only: documented, neither typed nor required.</item>
/// </list>
/// Every problem is reported with its position; nothing here runs any expression.
/// </summary>
internal sealed class WorkflowInputsParser(Action<YamlNode?, string> error)
{
    private static readonly string[] Types = ["string", "integer", "number", "boolean", "array", "object"];

    private static readonly string[] Keywords =
    [
        "type", "description", "required", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern", "format", "items", "minItems", "maxItems", "properties", "default",
    ];

    /// <summary>The schema of the input object, or null when the file declares no inputs.</summary>
    public JsonElement? Parse(YamlNode? typed, YamlNode? described)
    {
        if (typed is not null && described is not null)
        {
            error(described, "Declare inputs once: use 'inputs' (typed) and remove 'input'.");
        }

        var node = typed ?? described;
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            error(node, "'inputs' must be a mapping of input names to their type and rules (or to a description).");
            return null;
        }

        var schema = ObjectSchema(mapping, descriptionsOnly: typed is null);
        schema.Insert(0, "type", "object");
        return JsonSerializer.SerializeToElement(schema);
    }

    private JsonObject ObjectSchema(YamlMappingNode mapping, bool descriptionsOnly)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                error(key, "Input names must be plain text.");
                continue;
            }

            if (properties.ContainsKey(name))
            {
                error(key, $"The input '{name}' is declared twice.");
                continue;
            }

            if (value is YamlScalarNode { Value: var description })
            {
                properties[name] = string.IsNullOrWhiteSpace(description) ? new JsonObject() : new JsonObject { ["description"] = description.Trim() };
                continue;
            }

            if (descriptionsOnly || value is not YamlMappingNode rules)
            {
                error(value, descriptionsOnly
                    ? $"Under 'input', '{name}' must be a description. Declare typed inputs under 'inputs'."
                    : $"The input '{name}' must be a description or a mapping of rules ({string.Join(", ", Keywords)}).");
                continue;
            }

            properties[name] = PropertySchema(name, rules, out var isRequired);
            if (isRequired)
            {
                required.Add(name);
            }
        }

        var schema = new JsonObject { ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return schema;
    }

    private JsonObject PropertySchema(string name, YamlMappingNode rules, out bool isRequired)
    {
        isRequired = false;
        var schema = new JsonObject();
        foreach (var (key, value) in rules.Children)
        {
            var keyword = (key as YamlScalarNode)?.Value ?? string.Empty;
            switch (keyword)
            {
                case "required":
                    isRequired = Json(value) is JsonValue flag && flag.TryGetValue<bool>(out var yes) ? yes : Fail(value, $"'required' of input '{name}' must be true or false.");
                    break;
                case "type":
                    var type = (value as YamlScalarNode)?.Value;
                    if (type is null || !Types.Contains(type, StringComparer.Ordinal))
                    {
                        error(value, $"The type of input '{name}' must be one of {string.Join(", ", Types)}.");
                    }
                    else
                    {
                        schema["type"] = type;
                    }

                    break;
                case "items":
                    if (value is YamlMappingNode itemRules)
                    {
                        schema["items"] = PropertySchema(name + "[]", itemRules, out _);
                    }
                    else
                    {
                        error(value, $"'items' of input '{name}' must be a mapping of rules, e.g. {{ type: string, format: email }}.");
                    }

                    break;
                case "properties":
                    if (value is YamlMappingNode nested)
                    {
                        foreach (var (k, v) in ObjectSchema(nested, descriptionsOnly: false))
                        {
                            schema[k] = v?.DeepClone();
                        }
                    }
                    else
                    {
                        error(value, $"'properties' of input '{name}' must be a mapping of input names to rules.");
                    }

                    break;
                case "enum":
                    if (value is YamlSequenceNode { Children.Count: > 0 })
                    {
                        schema["enum"] = Json(value);
                    }
                    else
                    {
                        error(value, $"'enum' of input '{name}' must be a list of the allowed values.");
                    }

                    break;
                case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                    schema[keyword] = Json(value) is JsonValue number && number.GetValueKind() == JsonValueKind.Number
                        ? number
                        : Fail<JsonNode?>(value, $"'{keyword}' of input '{name}' must be a number.");
                    break;
                case "minLength" or "maxLength" or "minItems" or "maxItems":
                    schema[keyword] = Json(value) is JsonValue count && count.TryGetValue<long>(out var n) && n >= 0
                        ? count
                        : Fail<JsonNode?>(value, $"'{keyword}' of input '{name}' must be a whole number of 0 or more.");
                    break;
                case "description" or "format" or "pattern":
                    schema[keyword] = value is YamlScalarNode { Value: { } text } ? text.Trim() : Fail<JsonNode?>(value, $"'{keyword}' of input '{name}' must be text.");
                    break;
                case "default":
                    schema["default"] = Json(value);
                    break;
                default:
                    error(key, $"Unknown rule '{keyword}' for input '{name}'. Rules: {string.Join(", ", Keywords)}.");
                    break;
            }
        }

        return schema;
    }

    private bool Fail(YamlNode node, string message)
    {
        error(node, message);
        return false;
    }

    private T? Fail<T>(YamlNode node, string message)
    {
        error(node, message);
        return default;
    }

    /// <summary>A YAML value as JSON: plain scalars that read as numbers, booleans or null become those; quoted ones stay text.</summary>
    private JsonNode? Json(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
                {
                    return JsonValue.Create(text);
                }

                return text switch
                {
                    "true" or "True" or "TRUE" => JsonValue.Create(true),
                    "false" or "False" or "FALSE" => JsonValue.Create(false),
                    "null" or "Null" or "NULL" or "~" or "" => null,
                    _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
                    _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
                    _ => JsonValue.Create(text),
                };
            case YamlSequenceNode sequence:
                return new JsonArray([.. sequence.Children.Select(Json)]);
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[(key as YamlScalarNode)?.Value ?? string.Empty] = Json(value);
                }

                return obj;
            default:
                error(node, "Unsupported YAML value (aliases are not supported).");
                return null;
        }
    }
}
