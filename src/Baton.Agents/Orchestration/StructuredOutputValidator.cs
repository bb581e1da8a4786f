using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Agents;

/// <summary>
/// Checks that a model's answer is valid for an output type: JSON (a surrounding markdown code fence is tolerated),
/// deserializable to the type, with required members present and non-nullable members not null. Pure and thread-safe.
/// </summary>
public static class StructuredOutputValidator
{
    /// <summary>The options structured output is read with: web defaults, enums as strings, strict about required and null.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>
    /// Validates <paramref name="text"/> against <paramref name="outputType"/>. On success <paramref name="json"/> is the
    /// JSON without any code fence; on failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryValidate(string? text, Type outputType, out string? json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(outputType);
        json = null;
        var candidate = StripCodeFence(text ?? string.Empty);
        if (candidate.Length == 0)
        {
            error = "The answer is empty; a JSON value was expected.";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(candidate);
            var value = document.RootElement.Deserialize(outputType, SerializerOptions);
            if (value is null)
            {
                error = $"The answer is null; a {outputType.Name} was expected.";
                return false;
            }

            json = document.RootElement.GetRawText();
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"The answer is not valid JSON for {outputType.Name}: {e.Message}";
            return false;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            error = $"The answer cannot be read as {outputType.Name}: {e.Message}";
            return false;
        }
    }

    private static string StripCodeFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLineEnd = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var closing = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstLineEnd < 0 || closing <= firstLineEnd ? trimmed.Trim('`') : trimmed[(firstLineEnd + 1)..closing].Trim();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
