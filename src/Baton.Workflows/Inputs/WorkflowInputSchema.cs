using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Baton.Durable;
using Json.Schema;
using Microsoft.Extensions.AI;

namespace Baton.Workflows;

/// <summary>
/// Workflow inputs as JSON Schema: the schema of a C# input type (from its members, nullability, defaults, enums,
/// data annotations such as <c>[Range]</c>, <c>[MinLength]</c>, <see cref="EmailAddressesAttribute"/>, and its XML docs
/// as descriptions), and the check of a JSON value against a schema with one <see cref="WorkflowInputError"/> per
/// problem, worded for people and keyed by JSON path. The start path, the catalog, the dashboard's start form and the
/// orchestrators all use these, so a rule holds in one place. Thread-safe.
/// </summary>
public static class WorkflowInputSchema
{
    private const int MaxErrors = 20;
    private const int MaxCachedSchemas = 512;

    private static readonly ConcurrentDictionary<Type, JsonElement> TypeSchemas = new();
    private static readonly ConcurrentDictionary<string, JsonSchema> Compiled = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        // Formats are checked by CheckFormats with .NET's own parsers (MailAddress, DateOnly...), the rules the
        // rest of Baton applies to the same values.
        RequireFormatValidation = false,
    };

    /// <summary>
    /// The JSON rules inputs are read with: the engine's (camelCase, case-insensitive names, enums as strings), strict
    /// about required constructor parameters and nulls where the type allows none.
    /// </summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>The schema of an input that may be any JSON object (a declarative workflow that declares no typed inputs).</summary>
    public static JsonElement AnyObject { get; } = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone();

    /// <summary>The JSON Schema of input type <paramref name="inputType"/>, as JSON. Cached per type.</summary>
    public static JsonElement For(Type inputType)
    {
        ArgumentNullException.ThrowIfNull(inputType);
        return inputType == typeof(JsonElement) || inputType == typeof(object)
            ? AnyObject
            : TypeSchemas.GetOrAdd(inputType, static t => AIJsonUtilities.CreateJsonSchema(
                t,
                serializerOptions: SerializerOptions,
                inferenceOptions: new AIJsonSchemaCreateOptions { TransformSchemaNode = Annotate }));
    }

    /// <summary>
    /// Every problem of <paramref name="value"/> against <paramref name="schema"/> (at most 20), worded for people, with
    /// the JSON path of each value at fault; empty when it is valid. Pure: the same value always gives the same errors.
    /// </summary>
    public static IReadOnlyList<WorkflowInputError> Validate(JsonElement schema, JsonElement value)
    {
        var schemaNode = JsonNode.Parse(schema.GetRawText());
        var instance = JsonNode.Parse(value.GetRawText());
        var results = Compile(schema).Evaluate(instance, Evaluation);
        var errors = new List<WorkflowInputError>();
        CheckFormats(schemaNode, instance, [], instance, errors);
        if (results.IsValid)
        {
            return errors;
        }

        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                var at = Segments(detail.InstanceLocation.ToString());
                var rule = Find(schemaNode, Segments(detail.EvaluationPath.ToString()));
                foreach (var error in Describe(keyword, message, at, Find(instance, at), rule, instance))
                {
                    if (errors.Count < MaxErrors && !errors.Contains(error))
                    {
                        errors.Add(error);
                    }
                }
            }
        }

        return errors.Count == 0 ? [new("$", "The input does not fit the workflow's JSON Schema.")] : errors;
    }

    /// <summary>
    /// <paramref name="value"/> with member names and enum strings spelled as <paramref name="schema"/> spells them,
    /// where they differ only in case: inputs are read case-insensitively, and a schema compares exactly.
    /// </summary>
    public static JsonElement Normalize(JsonElement schema, JsonElement value)
    {
        var node = JsonNode.Parse(value.GetRawText());
        node = Normalize(JsonNode.Parse(schema.GetRawText()), node);
        return node is null ? value : JsonSerializer.SerializeToElement(node);
    }

    /// <summary>
    /// <paramref name="value"/> (an object) with each top-level member that the schema gives a <c>default</c> and the
    /// value leaves out filled in with that default; other values unchanged. Pure.
    /// </summary>
    public static JsonElement WithDefaults(JsonElement schema, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return value;
        }

        var missing = properties.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("default", out _) && !value.TryGetProperty(p.Name, out _))
            .ToList();
        if (missing.Count == 0)
        {
            return value;
        }

        var filled = JsonNode.Parse(value.GetRawText())!.AsObject();
        foreach (var property in missing)
        {
            filled[property.Name] = JsonNode.Parse(property.Value.GetProperty("default").GetRawText());
        }

        return JsonSerializer.SerializeToElement(filled);
    }

    /// <summary>The JSON path of a value, from the property names and array indexes that lead to it (<c>$.approvers[1]</c>).</summary>
    public static string PathOf(IEnumerable<string> segments, JsonNode? root)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var path = new System.Text.StringBuilder("$");
        var current = root;
        foreach (var segment in segments)
        {
            if (current is JsonArray && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path.Append('[').Append(index).Append(']');
                current = index < ((JsonArray)current).Count ? current[index] : null;
                continue;
            }

            path.Append(segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && segment.Length > 0
                ? "." + segment
                : "['" + segment.Replace("'", "\\'", StringComparison.Ordinal) + "']");
            current = current is JsonObject o && o.TryGetPropertyValue(segment, out var next) ? next : null;
        }

        return path.ToString();
    }

    /// <summary>True when <paramref name="text"/> is one email address (no display name, no list).</summary>
    public static bool IsEmailAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text) && System.Net.Mail.MailAddress.TryCreate(text, out var address) &&
        string.Equals(address.Address, text, StringComparison.Ordinal) && address.Host.Length > 0;

    private static void CheckFormats(JsonNode? rule, JsonNode? value, List<string> at, JsonNode? root, List<WorkflowInputError> errors)
    {
        if (rule is not JsonObject schema || value is null || errors.Count >= MaxErrors)
        {
            return;
        }

        if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text) && schema["format"] is JsonValue format &&
            format.TryGetValue<string>(out var name) && !FitsFormat(name, text))
        {
            errors.AddRange(Describe("format", string.Empty, at, value, schema, root));
        }

        if (value is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (member, memberRule) in properties)
            {
                if (obj.TryGetPropertyValue(member, out var memberValue))
                {
                    CheckFormats(memberRule, memberValue, [.. at, member], root, errors);
                }
            }
        }
        else if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                CheckFormats(items, array[i], [.. at, i.ToString(CultureInfo.InvariantCulture)], root, errors);
            }
        }
    }

    private static bool FitsFormat(string format, string text) => format switch
    {
        "email" => IsEmailAddress(text),
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && text.Contains('T', StringComparison.OrdinalIgnoreCase),
        "time" => TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out _),
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
        "uuid" => Guid.TryParse(text, out _),
        _ => true,
    };

    private static IEnumerable<WorkflowInputError> Describe(string keyword, string fallback, IReadOnlyList<string> at, JsonNode? value, JsonNode? rule, JsonNode? root)
    {
        var field = PathOf(at, root);
        var label = new WorkflowInputError(field, string.Empty).Label;
        var quoted = field == "$" ? "The input" : $"'{label}'";
        var limit = rule?[keyword];
        switch (keyword)
        {
            case "required":
                var missing = (limit as JsonArray)?.Select(n => n?.GetValue<string>()).OfType<string>()
                    .Where(name => value is not JsonObject o || !o.ContainsKey(name)).ToList() ?? [];
                if (missing.Count == 0)
                {
                    yield return new(field, fallback);
                }

                foreach (var name in missing)
                {
                    var memberField = PathOf([.. at, name], root);
                    var description = rule?["properties"]?[name]?["description"]?.GetValue<string>();
                    yield return new(memberField, $"'{new WorkflowInputError(memberField, string.Empty).Label}' is required{(description is null ? "." : $": {Sentence(description)}")}");
                }

                yield break;
            case "type":
                yield return new(field, $"{quoted} must be {Types(limit)}, not {KindOf(value)}.");
                yield break;
            case "enum":
                yield return new(field, $"{quoted} must be one of {string.Join(", ", (limit as JsonArray ?? []).Select(Shown))}; {Shown(value)} is not one of them.");
                yield break;
            case "minimum" or "exclusiveMinimum" or "maximum" or "exclusiveMaximum":
                var bound = keyword switch { "minimum" => "at least", "exclusiveMinimum" => "more than", "maximum" => "at most", _ => "less than" };
                yield return new(field, $"{quoted} must be {bound} {limit?.ToJsonString()}; it is {value?.ToJsonString()}.");
                yield break;
            case "minLength" or "maxLength":
                var length = value is JsonValue v && v.TryGetValue<string>(out var text) ? text.Length : 0;
                yield return length == 0 && keyword == "minLength"
                    ? new(field, $"{quoted} is empty; give at least {limit?.ToJsonString()} character{Plural(limit)}.")
                    : new(field, $"{quoted} must be {(keyword == "minLength" ? "at least" : "at most")} {limit?.ToJsonString()} character{Plural(limit)} long; it is {length}.");
                yield break;
            case "minItems" or "maxItems":
                var count = (value as JsonArray)?.Count ?? 0;
                yield return count == 0 && keyword == "minItems"
                    ? new(field, $"{quoted} is empty; give at least {limit?.ToJsonString()} item{Plural(limit)}.")
                    : new(field, $"{quoted} must have {(keyword == "minItems" ? "at least" : "at most")} {limit?.ToJsonString()} item{Plural(limit)}; it has {count}.");
                yield break;
            case "format":
                yield return new(field, $"{Shown(value)} is not {FormatName(limit?.GetValue<string>())}.");
                yield break;
            case "pattern":
                var comment = rule?["$comment"]?.GetValue<string>() ?? string.Empty;
                yield return comment.Contains("TimeSpan", StringComparison.Ordinal)
                    ? new(field, $"{quoted} must be a duration such as \"2.00:00:00\" (days.hours:minutes:seconds); {Shown(value)} is not.")
                    : new(field, $"{quoted} must match the pattern {limit?.ToJsonString()}; {Shown(value)} does not.");
                yield break;
            case "additionalProperties" or "false":
                yield return new(field, $"{quoted} is not an input of this workflow; remove it or check its spelling.");
                yield break;
            default:
                yield return new(field, $"{quoted}: {Sentence(fallback)}");
                yield break;
        }
    }

    private static string Types(JsonNode? type) => type switch
    {
        JsonArray many => string.Join(" or ", many.Select(t => Article(t?.GetValue<string>()))),
        JsonValue one => Article(one.GetValue<string>()),
        _ => "of another type",
    };

    private static string Article(string? type) => type switch
    {
        "integer" or "object" or "array" => "an " + type,
        null => "a value",
        _ => "a " + type,
    };

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "another kind of value",
    };

    private static string Shown(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => "'" + (s.Length > 80 ? s[..80] + "…" : s) + "'",
        _ => value.ToJsonString(),
    };

    private static string FormatName(string? format) => format switch
    {
        "email" => "an email address",
        "date" => "a date (yyyy-mm-dd)",
        "date-time" => "a date and time (ISO 8601, e.g. 2026-01-31T09:00:00Z)",
        "time" => "a time (hh:mm:ss)",
        "uri" => "an absolute URI",
        "uuid" => "a UUID",
        null => "in the expected format",
        _ => $"a valid {format}",
    };

    private static string Plural(JsonNode? limit) => limit?.ToJsonString() == "1" ? string.Empty : "s";

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    private static List<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : [.. pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static JsonNode? Find(JsonNode? root, IReadOnlyList<string> segments)
    {
        var current = root;
        foreach (var segment in segments)
        {
            current = current switch
            {
                JsonObject o when o.TryGetPropertyValue(segment, out var next) => next,
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static JsonSchema Compile(JsonElement schema)
    {
        var text = schema.GetRawText();
        if (Compiled.TryGetValue(text, out var compiled))
        {
            return compiled;
        }

        // Declarative workflows reload; the cache stays bounded whatever the number of versions seen.
        if (Compiled.Count >= MaxCachedSchemas)
        {
            Compiled.Clear();
        }

        return Compiled.GetOrAdd(text, static t => JsonSchema.FromText(t));
    }

    private static JsonNode? Normalize(JsonNode? schema, JsonNode? value)
    {
        if (schema is not JsonObject rule || value is null)
        {
            return value;
        }

        if (value is JsonObject obj && rule["properties"] is JsonObject properties)
        {
            foreach (var name in obj.Select(p => p.Key).ToList())
            {
                var canonical = properties.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
                var member = obj[name];
                obj.Remove(name);
                obj[canonical] = Normalize(properties[canonical], member);
            }
        }
        else if (value is JsonArray array && rule["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var item = array[i];
                array[i] = null;
                array[i] = Normalize(items, item);
            }
        }
        else if (value is JsonValue text && text.TryGetValue<string>(out var s) && rule["enum"] is JsonArray choices)
        {
            var canonical = choices.OfType<JsonValue>().Select(c => c.TryGetValue<string>(out var t) ? t : null)
                .FirstOrDefault(c => string.Equals(c, s, StringComparison.OrdinalIgnoreCase));
            return canonical is null ? value : JsonValue.Create(canonical);
        }

        return value;
    }

    private static JsonNode Annotate(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            return schema;
        }

        if (context.GetCustomAttribute<EmailAddressesAttribute>() is not null && node["items"] is JsonObject items)
        {
            items["format"] = "email";
        }

        if (!node.ContainsKey("description") && context.PropertyAttributeProvider is System.Reflection.MemberInfo member &&
            XmlDocumentation.Describe(member) is { } description)
        {
            node["description"] = description;
        }

        return node;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = JsonDataConverter.CreateDefaultOptions();
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
