using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Durable.AzureStorage;

/// <summary>The JSON settings for everything the store writes itself (messages, failure details, parents, tags).</summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string? Serialize<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string? json) => string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);
}
