using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Baton.Scheduling;

/// <summary>Reads <see cref="ScheduleDefinition"/>s from the configuration section <see cref="SectionName"/>.</summary>
public static class ScheduleConfiguration
{
    /// <summary>The configuration section: an array of schedules (or an object whose keys are schedule names).</summary>
    public const string SectionName = "Baton:Schedules";

    /// <summary>
    /// The schedules under <see cref="SectionName"/>, with keys Name, Cron, TimeZone, Workflow, Input (any JSON shape;
    /// configuration values stay strings unless the value itself is JSON), Enabled and PastDue. Never null.
    /// </summary>
    /// <exception cref="ScheduleConfigurationException">Enabled or PastDue has a value that is not understood.</exception>
    public static IReadOnlyList<ScheduleDefinition> Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var definitions = new List<ScheduleDefinition>();
        foreach (var entry in configuration.GetSection(SectionName).GetChildren())
        {
            var keyIsIndex = int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _);
            var name = entry["Name"] ?? (keyIsIndex ? string.Empty : entry.Key);
            var definition = new ScheduleDefinition
            {
                Name = name,
                Cron = entry["Cron"] ?? entry["Schedule"] ?? string.Empty,
                TimeZone = entry["TimeZone"] ?? "UTC",
                Workflow = entry["Workflow"] ?? string.Empty,
            };
            if (entry["Enabled"] is { } enabled)
            {
                definition.Enabled = bool.TryParse(enabled, out var value)
                    ? value
                    : throw new ScheduleConfigurationException(name, $"Schedule '{name}' has Enabled = '{enabled}'; use true or false.");
            }

            if (entry["PastDue"] is { } pastDue)
            {
                definition.PastDue = Enum.TryParse<PastDuePolicy>(pastDue, ignoreCase: true, out var policy) && Enum.IsDefined(policy)
                    ? policy
                    : throw new ScheduleConfigurationException(name, $"Schedule '{name}' has PastDue = '{pastDue}'; use RunOnceAtStartup or Skip.");
            }

            var input = entry.GetSection("Input");
            if (input.Exists())
            {
                definition.Input = JsonSerializer.SerializeToElement(ToNode(input));
            }

            definitions.Add(definition);
        }

        return definitions;
    }

    private static JsonNode? ToNode(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            var value = section.Value;
            if (value is null)
            {
                return null;
            }

            // A value that is itself a JSON object or array (e.g. from an environment variable) is taken as JSON.
            var trimmed = value.TrimStart();
            if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            {
                try
                {
                    return JsonNode.Parse(value);
                }
                catch (JsonException)
                {
                    // Not JSON after all: keep it as text.
                }
            }

            return JsonValue.Create(value);
        }

        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var array = new JsonArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                array.Add(ToNode(child));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[child.Key] = ToNode(child);
        }

        return obj;
    }
}
