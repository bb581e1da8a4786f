using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Workflows;

/// <summary>
/// A condition for <c>when</c> and <c>until</c>: comparisons (<c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>,
/// <c>&gt;</c>, <c>&gt;=</c>), a bare reference (true unless null, false, empty or 0) or <c>!reference</c>, joined by
/// <c>&amp;&amp;</c> and then <c>||</c> (no parentheses). Strings compare case-insensitively; numbers as numbers.
/// </summary>
internal sealed class Condition
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">"];
    private readonly List<List<Comparison>> _anyOf;

    private Condition(string text, List<List<Comparison>> anyOf)
    {
        Text = text;
        _anyOf = anyOf;
    }

    public string Text { get; }

    public IEnumerable<ValuePath> Paths => _anyOf.SelectMany(all => all).SelectMany(c => c.Paths);

    public static Condition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var anyOf = text.Split("||")
            .Select(any => any.Split("&&").Select(Comparison.Parse).ToList())
            .ToList();
        return new Condition(text.Trim(), anyOf);
    }

    public bool Evaluate(ValueScope scope) => _anyOf.Any(all => all.All(c => c.Evaluate(scope)));

    private sealed record Comparison(ValueExpression.Operand Left, string? Operator, ValueExpression.Operand? Right, bool Negated)
    {
        public IEnumerable<ValuePath> Paths => new[] { Left.Path, Right?.Path }.OfType<ValuePath>();

        public static Comparison Parse(string text)
        {
            var trimmed = text.Trim();
            foreach (var op in Operators)
            {
                var at = trimmed.IndexOf(op, StringComparison.Ordinal);
                if (at > 0)
                {
                    return new Comparison(ValueExpression.Operand.Parse(trimmed[..at]), op, ValueExpression.Operand.Parse(trimmed[(at + op.Length)..]), false);
                }
            }

            return trimmed.StartsWith('!')
                ? new Comparison(ValueExpression.Operand.Parse(trimmed[1..]), null, null, true)
                : new Comparison(ValueExpression.Operand.Parse(trimmed), null, null, false);
        }

        public bool Evaluate(ValueScope scope)
        {
            var left = Left.Evaluate(scope);
            if (Operator is null)
            {
                return ValueScope.Truthy(left) != Negated;
            }

            var right = Right!.Evaluate(scope);
            var order = Number(left) is { } l && Number(right) is { } r
                ? l.CompareTo(r)
                : string.Compare(ValueScope.Text(left), ValueScope.Text(right), StringComparison.OrdinalIgnoreCase);
            return Operator switch
            {
                "==" => order == 0,
                "!=" => order != 0,
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
        }

        private static double? Number(JsonNode? node) =>
            node is JsonValue value && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
            && double.TryParse(ValueScope.Text(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
