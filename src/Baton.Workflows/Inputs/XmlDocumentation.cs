using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace Baton.Workflows;

/// <summary>
/// Reads the summaries of properties (and of a record's positional parameters) from the XML documentation file built
/// next to an assembly, so that input schemas describe fields in the words of the code's docs. Absent files give no
/// descriptions. Thread-safe.
/// </summary>
internal static class XmlDocumentation
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Files = new();

    /// <summary>The summary of <paramref name="member"/> (a property), or its record parameter's text; null when undocumented.</summary>
    public static string? Describe(MemberInfo member)
    {
        var type = member.DeclaringType;
        if (type is null || member is not PropertyInfo)
        {
            return null;
        }

        var docs = Files.GetOrAdd(type.Assembly, Load);
        var typeName = (type.FullName ?? type.Name).Replace('+', '.');
        return docs.TryGetValue($"P:{typeName}.{member.Name}", out var summary) ? summary
            : docs.TryGetValue($"T:{typeName}#{member.Name}", out var parameter) ? parameter
            : null;
    }

    /// <summary>The summary of <paramref name="type"/> (a workflow's catalog description); null when undocumented.</summary>
    public static string? Summary(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var docs = Files.GetOrAdd(type.Assembly, Load);
        return docs.TryGetValue($"T:{(type.FullName ?? type.Name).Replace('+', '.')}", out var summary) && summary.Length > 0 ? summary : null;
    }

    private static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var path = string.IsNullOrEmpty(assembly.Location) ? null : Path.ChangeExtension(assembly.Location, ".xml");
            if (path is null || !File.Exists(path))
            {
                return result;
            }

            foreach (var member in XDocument.Load(path).Descendants("member"))
            {
                var name = (string?)member.Attribute("name");
                if (name is null)
                {
                    continue;
                }

                if (member.Element("summary") is { } summary)
                {
                    result[name] = Text(summary);
                }

                foreach (var parameter in member.Elements("param"))
                {
                    result[$"{name}#{(string?)parameter.Attribute("name")}"] = Text(parameter);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            // Descriptions are a help, not a requirement: a missing or unreadable file leaves them out.
        }

        return result;
    }

    private static string Text(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } see => (string?)see.Attribute("langword") ?? ShortName((string?)see.Attribute("cref")),
                XElement other => other.Value,
                _ => string.Empty,
            });
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string ShortName(string? cref)
    {
        if (cref is null)
        {
            return string.Empty;
        }

        var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        name = paren >= 0 ? name[..paren] : name;
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
