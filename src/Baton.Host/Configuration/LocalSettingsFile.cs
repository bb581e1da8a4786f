using System.Text.Json;

namespace Baton.Host;

/// <summary>
/// Reads a Functions-format <c>local.settings.json</c>: its <c>Values</c> become top-level configuration keys
/// (<c>__</c> in a name becomes a section separator, as with environment variables), and <c>Host:LocalHttpPort</c> is kept
/// as <c>Host:LocalHttpPort</c>.
/// </summary>
internal static class LocalSettingsFile
{
    /// <summary>The file's settings as configuration key/value pairs; empty when the file does not exist.</summary>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return settings;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path} is not valid JSON ({e.Message}). Fix it, or copy local.settings.sample.json over it.", e);
        }

        using (document)
        {
            if (document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var value in values.EnumerateObject())
                {
                    settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
                }
            }

            if (document.RootElement.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.Object)
            {
                foreach (var value in host.EnumerateObject())
                {
                    settings["Host:" + value.Name] = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
                }
            }
        }

        return settings;
    }
}
