namespace Baton.Durable;

/// <summary>Turns inputs, outputs, events and custom status into the strings stored in history and back.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; null stays null.</summary>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes a value to <paramref name="targetType"/>; null or empty gives the type's default.</summary>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserializes a value to <typeparamref name="T"/>.</summary>
    public T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}
