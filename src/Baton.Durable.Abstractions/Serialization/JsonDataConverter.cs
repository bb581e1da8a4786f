using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Durable;

/// <summary>
/// The default converter: System.Text.Json with web defaults (camelCase names, case-insensitive reads,
/// enums as strings). Thread-safe.
/// </summary>
public sealed class JsonDataConverter(JsonSerializerOptions? options = null) : DataConverter
{
    /// <summary>The shared default instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    /// <summary>The options this converter uses.</summary>
    public JsonSerializerOptions Options { get; } = options ?? CreateDefaultOptions();

    /// <summary>The options <see cref="Default"/> uses; a new instance each call.</summary>
    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <inheritdoc />
    public override string? Serialize(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Undefined } => null,
        _ => JsonSerializer.Serialize(value, value.GetType(), Options),
    };

    /// <inheritdoc />
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        if (string.IsNullOrEmpty(data))
        {
            return targetType.IsValueType && Nullable.GetUnderlyingType(targetType) is null ? Activator.CreateInstance(targetType) : null;
        }

        return JsonSerializer.Deserialize(data, targetType, Options);
    }
}
