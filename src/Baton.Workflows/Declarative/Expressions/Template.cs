using System.Text;
using System.Text.Json.Nodes;

namespace Baton.Workflows;

/// <summary>
/// A value in a workflow file that may hold <c>{{ expression }}</c>s. A string that is exactly one expression takes the
/// expression's value as it is (a list stays a list); any other string is text with each expression's text put in.
/// Mappings and sequences are templates of their entries.
/// </summary>
internal abstract class Template
{
    public abstract IEnumerable<ValuePath> Paths { get; }

    public abstract JsonNode? Evaluate(ValueScope scope);

    public string EvaluateText(ValueScope scope) => ValueScope.Text(Evaluate(scope));

    public static Template Text(string text) => new TextTemplate(text);

    internal sealed class TextTemplate : Template
    {
        private readonly List<(string Literal, ValueExpression? Expression)> _parts = [];

        public TextTemplate(string text)
        {
            var position = 0;
            while (position < text.Length)
            {
                var open = text.IndexOf("{{", position, StringComparison.Ordinal);
                if (open < 0)
                {
                    _parts.Add((text[position..], null));
                    break;
                }

                var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new FormatException($"'{{{{' at character {open + 1} has no closing '}}}}'.");
                }

                if (open > position)
                {
                    _parts.Add((text[position..open], null));
                }

                _parts.Add((string.Empty, ValueExpression.Parse(text[(open + 2)..close])));
                position = close + 2;
            }
        }

        public override IEnumerable<ValuePath> Paths => _parts.Where(p => p.Expression is not null).SelectMany(p => p.Expression!.Paths);

        public override JsonNode? Evaluate(ValueScope scope)
        {
            if (_parts.Count == 1 && _parts[0].Expression is { } only)
            {
                return only.Evaluate(scope);
            }

            var builder = new StringBuilder();
            foreach (var (literal, expression) in _parts)
            {
                builder.Append(expression is null ? literal : ValueScope.Text(expression.Evaluate(scope)));
            }

            return JsonValue.Create(builder.ToString());
        }
    }

    internal sealed class MapTemplate(IReadOnlyList<(string Key, Template Value)> entries) : Template
    {
        public override IEnumerable<ValuePath> Paths => entries.SelectMany(e => e.Value.Paths);

        public override JsonNode? Evaluate(ValueScope scope)
        {
            var result = new JsonObject();
            foreach (var (key, value) in entries)
            {
                result[key] = value.Evaluate(scope);
            }

            return result;
        }
    }

    internal sealed class ListTemplate(IReadOnlyList<Template> items) : Template
    {
        public override IEnumerable<ValuePath> Paths => items.SelectMany(i => i.Paths);

        public override JsonNode? Evaluate(ValueScope scope) => new JsonArray([.. items.Select(i => i.Evaluate(scope))]);
    }

    /// <summary>A YAML scalar that is not a string (a number, true, false, null) keeps its JSON type.</summary>
    internal sealed class LiteralTemplate(JsonNode? value) : Template
    {
        public override IEnumerable<ValuePath> Paths => [];

        public override JsonNode? Evaluate(ValueScope scope) => value?.DeepClone();
    }
}
