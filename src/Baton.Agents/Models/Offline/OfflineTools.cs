using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>How the offline model reads tool names and the targets of earlier calls.</summary>
internal static class OfflineTools
{
    /// <summary>The kind of a tool, from its name.</summary>
    public static OfflineToolKind KindOf(string name)
    {
        var key = name.ToLowerInvariant();
        if (key.Contains("search", StringComparison.Ordinal) || key.Contains("find", StringComparison.Ordinal) ||
            key.Contains("query", StringComparison.Ordinal) || key.Contains("lookup", StringComparison.Ordinal) || key.StartsWith("list", StringComparison.Ordinal))
        {
            return OfflineToolKind.Search;
        }

        return key.StartsWith("read", StringComparison.Ordinal) || key.StartsWith("get", StringComparison.Ordinal) ||
               key.StartsWith("fetch", StringComparison.Ordinal) || key.StartsWith("open", StringComparison.Ordinal)
            ? OfflineToolKind.Read
            : OfflineToolKind.Act;
    }

    /// <summary>True when a parameter names a web address.</summary>
    public static bool IsUrlParameter(string name)
    {
        var key = name.ToLowerInvariant();
        return key.Contains("url", StringComparison.Ordinal) || key.Contains("uri", StringComparison.Ordinal) || key.Contains("link", StringComparison.Ordinal);
    }

    /// <summary>True when a parameter names a document.</summary>
    public static bool IsPathParameter(string name)
    {
        var key = name.ToLowerInvariant();
        return key.Contains("path", StringComparison.Ordinal) || key.Contains("file", StringComparison.Ordinal) ||
               key.Contains("document", StringComparison.Ordinal) || key is "name" or "id" or "key";
    }

    /// <summary>The path or URL a read call asked for, when it named one.</summary>
    public static string? Target(FunctionCallContent call)
    {
        foreach (var (name, value) in call.Arguments ?? new Dictionary<string, object?>())
        {
            if (IsPathParameter(name) || IsUrlParameter(name))
            {
                return value switch
                {
                    string s => s,
                    JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                    _ => value?.ToString(),
                };
            }
        }

        return null;
    }
}
