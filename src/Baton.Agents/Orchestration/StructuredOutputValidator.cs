using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Json.Schema;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// Checks that a model's answer is valid for an output type: JSON (a surrounding markdown code fence is tolerated),
/// valid against the type's JSON schema (the one the model was asked to follow: types, enums, required members,
/// ranges, lengths, item counts, patterns and formats, all reported at once with where they are), and deserializable
/// to the type with non-nullable members not null. The same check applies whatever the provider. Pure and thread-safe.
/// </summary>
public static class StructuredOutputValidator
{
    private const int MaxReportedErrors = 10;

    private static readonly ConcurrentDictionary<Type, (JsonElement Schema, JsonSchema Evaluator)> Schemas = new();

    private static readonly ConcurrentDictionary<string, JsonSchema> TextSchemas = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    /// <summary>The options structured output is read with: web defaults, enums as strings, strict about required and null.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>
    /// The JSON schema of <paramref name="outputType"/> as the model is asked to follow it (data annotations such as
    /// <c>[Range]</c>, <c>[StringLength]</c> and <c>[Description]</c> included). Cached per type.
    /// </summary>
    public static JsonElement SchemaFor(Type outputType) => Compiled(outputType).Schema;

    /// <summary>
    /// What is wrong with <paramref name="value"/> for the JSON schema of <paramref name="outputType"/>: one line per
    /// problem with its JSON pointer ("/confidence: value should be at most 1"); empty when it is valid.
    /// </summary>
    public static IReadOnlyList<string> SchemaErrors(Type outputType, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(outputType);
        return Errors(Compiled(outputType).Evaluator, value);
    }

    /// <summary>
    /// What is wrong with <paramref name="value"/> for the JSON schema <paramref name="schema"/> (an agent's
    /// <see cref="AgentDefinition.OutputSchema"/>), reported as <see cref="SchemaErrors(Type, JsonElement)"/> does.
    /// Throws <see cref="JsonException"/> when <paramref name="schema"/> is not a JSON schema.
    /// </summary>
    public static IReadOnlyList<string> SchemaErrors(JsonElement schema, JsonElement value) => Errors(Compiled(schema), value);

    /// <summary>The name the model is given for an agent's schema: letters, digits, '_' and '-' only, as providers require.</summary>
    public static string SchemaName(string agentName)
    {
        ArgumentNullException.ThrowIfNull(agentName);
        var name = new string([.. agentName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
        return name.Length == 0 ? "answer" : name + "_answer";
    }

    /// <summary>
    /// Validates <paramref name="text"/> against the JSON schema <paramref name="schema"/>, as
    /// <see cref="TryValidate(string?, Type, out string?, out string?)"/> does for a type; <paramref name="name"/> names
    /// the answer in the error.
    /// </summary>
    public static bool TryValidate(string? text, JsonElement schema, string name, out string? json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryValidate(text, name, root => SchemaErrors(schema, root), read: null, out json, out error);
    }

    private static string Describe(string name, IReadOnlyList<string> problems) =>
        $"The answer does not match the JSON schema of {name}: " +
        string.Join("; ", problems.Take(MaxReportedErrors)) +
        (problems.Count > MaxReportedErrors ? $"; and {problems.Count - MaxReportedErrors} more." : ".");

    private static JsonSchema Compiled(JsonElement schema)
    {
        var text = schema.GetRawText();
        return TextSchemas.GetOrAdd(text, static t => JsonSchema.FromText(t));
    }

    private static IReadOnlyList<string> Errors(JsonSchema evaluator, JsonElement value)
    {
        var results = evaluator.Evaluate(JsonNode.Parse(value.GetRawText()), Evaluation);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            foreach (var (_, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                var location = detail.InstanceLocation.ToString();
                var line = $"{(location.Length == 0 ? "(the whole answer)" : location)}: {message}";
                if (!errors.Contains(line, StringComparer.Ordinal))
                {
                    errors.Add(line);
                }
            }
        }

        return errors.Count == 0 ? ["the answer does not match the schema"] : errors;
    }

    private static (JsonElement Schema, JsonSchema Evaluator) Compiled(Type outputType) =>
        Schemas.GetOrAdd(outputType, static t =>
        {
            var schema = AIJsonUtilities.CreateJsonSchema(t, serializerOptions: SerializerOptions);
            return (schema, JsonSchema.FromText(schema.GetRawText()));
        });

    /// <summary>
    /// Validates <paramref name="text"/> against <paramref name="outputType"/>. On success <paramref name="json"/> is the
    /// JSON without any code fence; on failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryValidate(string? text, Type outputType, out string? json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(outputType);
        return TryValidate(
            text,
            outputType.Name,
            root => SchemaErrors(outputType, root),
            root => root.Deserialize(outputType, SerializerOptions) is null ? $"The answer is null; a {outputType.Name} was expected." : null,
            out json,
            out error);
    }

    /// <summary>
    /// The checks of both public overloads: not empty once any code fence is stripped, JSON, no <paramref name="schemaErrors"/>,
    /// and, when given, readable by <paramref name="read"/> (which answers an error or null).
    /// </summary>
    private static bool TryValidate(
        string? text, string name, Func<JsonElement, IReadOnlyList<string>> schemaErrors, Func<JsonElement, string?>? read, out string? json, out string? error)
    {
        json = null;
        var candidate = StripCodeFence(text ?? string.Empty);
        if (candidate.Length == 0)
        {
            error = "The answer is empty; a JSON value was expected.";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(candidate);
            var problems = schemaErrors(document.RootElement);
            error = problems.Count > 0 ? Describe(name, problems) : read?.Invoke(document.RootElement);
            if (error is not null)
            {
                return false;
            }

            json = document.RootElement.GetRawText();
            return true;
        }
        catch (JsonException e)
        {
            error = $"The answer is not valid JSON for {name}: {e.Message}";
            return false;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            error = $"The answer cannot be read as {name}: {e.Message}";
            return false;
        }
    }

    private static string StripCodeFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLineEnd = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var closing = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstLineEnd < 0 || closing <= firstLineEnd ? trimmed.Trim('`') : trimmed[(firstLineEnd + 1)..closing].Trim();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
