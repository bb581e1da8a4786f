using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Baton.Workflows;

/// <summary>Reads a type's <c>&lt;summary&gt;</c> from the XML documentation file next to its assembly, when there is one.</summary>
internal static partial class XmlDocumentation
{
    private static readonly Dictionary<string, XDocument?> Files = new(StringComparer.Ordinal);

    public static string? Summary(Type type)
    {
        var location = type.Assembly.Location;
        if (string.IsNullOrEmpty(location))
        {
            return null;
        }

        XDocument? document;
        lock (Files)
        {
            if (!Files.TryGetValue(location, out document))
            {
                var path = Path.ChangeExtension(location, ".xml");
                try
                {
                    document = File.Exists(path) ? XDocument.Load(path) : null;
                }
                catch (Exception e) when (e is IOException or System.Xml.XmlException or UnauthorizedAccessException)
                {
                    document = null;
                }

                Files[location] = document;
            }
        }

        var id = "T:" + (type.FullName ?? type.Name).Replace('+', '.');
        var summary = document?.Root?.Element("members")?.Elements("member")
            .FirstOrDefault(m => string.Equals((string?)m.Attribute("name"), id, StringComparison.Ordinal))?
            .Element("summary");
        if (summary is null)
        {
            return null;
        }

        // <see cref="T:X.Y"/> reads as Y; everything else as its text.
        foreach (var see in summary.Descendants().Where(e => e.Name == "see" || e.Name == "paramref" || e.Name == "typeparamref").ToList())
        {
            var reference = (string?)see.Attribute("cref") ?? (string?)see.Attribute("name") ?? (string?)see.Attribute("langword") ?? string.Empty;
            see.ReplaceWith(see.Value is { Length: > 0 } text ? text : reference[(reference.LastIndexOfAny([':', '.']) + 1)..]);
        }

        var value = Whitespace().Replace(summary.Value, " ").Trim();
        return value.Length == 0 ? null : value;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
