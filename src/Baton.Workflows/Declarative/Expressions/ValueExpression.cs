using System.Globalization;
using System.Text.Json.Nodes;

namespace Baton.Workflows;

/// <summary>
/// What stands between <c>{{</c> and <c>}}</c>: an optional function (<c>json</c>, <c>join</c>, <c>bullets</c>) and one
/// or more operands separated by <c>??</c>, the first that is not null or empty winning. An operand is a
/// <see cref="ValuePath"/> or a literal ('text', "text", a number, true, false, null).
/// </summary>
internal sealed class ValueExpression
{
    private static readonly string[] Functions = ["json", "join", "bullets"];

    private ValueExpression(string? function, IReadOnlyList<Operand> operands)
    {
        Function = function;
        Operands = operands;
    }

    public string? Function { get; }

    public IReadOnlyList<Operand> Operands { get; }

    public IEnumerable<ValuePath> Paths => Operands.Where(o => o.Path is not null).Select(o => o.Path!);

    public static ValueExpression Parse(string text)
    {
        var trimmed = text.Trim();
        string? function = null;
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && Functions.Contains(trimmed[..space], StringComparer.Ordinal))
        {
            function = trimmed[..space];
            trimmed = trimmed[(space + 1)..];
        }

        var operands = trimmed.Split("??").Select(Operand.Parse).ToList();
        return new ValueExpression(function, operands);
    }

    public JsonNode? Evaluate(ValueScope scope)
    {
        JsonNode? value = null;
        foreach (var operand in Operands)
        {
            value = operand.Evaluate(scope);
            if (ValueScope.Truthy(value) || value is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.False or System.Text.Json.JsonValueKind.Number)
            {
                break;
            }
        }

        return Function switch
        {
            "json" => JsonValue.Create(value?.ToJsonString(Baton.Agents.StructuredOutputValidator.SerializerOptions) ?? "null"),
            "join" => JsonValue.Create(value is JsonArray items ? string.Join(", ", items.Select(ValueScope.Text)) : ValueScope.Text(value)),
            "bullets" => JsonValue.Create(value is JsonArray items ? string.Join("\n", items.Select(i => "- " + ValueScope.Text(i))) : ValueScope.Text(value)),
            _ => value?.DeepClone(),
        };
    }

    /// <summary>One side of a <c>??</c> or of a comparison.</summary>
    internal sealed record Operand(ValuePath? Path, JsonNode? Literal, string Text)
    {
        public static Operand Parse(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length >= 2 && (trimmed[0] == '\'' || trimmed[0] == '"') && trimmed[^1] == trimmed[0])
            {
                return new Operand(null, JsonValue.Create(trimmed[1..^1]), trimmed);
            }

            if (trimmed is "true" or "false")
            {
                return new Operand(null, JsonValue.Create(trimmed == "true"), trimmed);
            }

            if (trimmed == "null")
            {
                return new Operand(null, null, trimmed);
            }

            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return new Operand(null, JsonValue.Create(number), trimmed);
            }

            if (ValuePath.TryParse(trimmed, out var path))
            {
                return new Operand(path, null, trimmed);
            }

            throw new FormatException($"'{trimmed}' is neither a reference (step.field) nor a literal ('text', a number, true, false, null).");
        }

        public JsonNode? Evaluate(ValueScope scope) => Path is null ? Literal?.DeepClone() : scope.Resolve(Path);
    }
}
