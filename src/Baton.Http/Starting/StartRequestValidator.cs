using System.Reflection;
using System.Text.Json;
using Baton.Durable;
using Baton.Workflows;

namespace Baton.Http;

/// <summary>
/// Reads a start request's body as a workflow's input type with System.Text.Json and the engine's JSON rules
/// (camelCase, case-insensitive, enums as strings), and says exactly which field is wrong: a body that is not JSON,
/// a missing required member, a null where the type allows none, or a value of the wrong type. Thread-safe.
/// </summary>
public static class StartRequestValidator
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>
    /// Deserializes <paramref name="body"/> as <paramref name="workflow"/>'s input. On success returns the input and
    /// a null problem; otherwise null and a 400 problem whose <c>field</c> is the JSON path at fault.
    /// </summary>
    public static object? Read(WorkflowDescriptor workflow, string? body, out HttpReply? problem)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        problem = null;
        var type = workflow.InputType;
        var example = $"Send the {workflow.Name} input ({type.Name}) as a JSON object.";
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = Problems.InvalidField("$", $"The request body is empty. {example}", "The workflow input is missing.");
            return null;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problem = Problems.InvalidField(
                e.Path ?? "$",
                $"The request body is not JSON (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}). {example}",
                "The request body is not JSON.");
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = Problems.InvalidField("$", $"The request body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}. {example}", "The workflow input is not valid.");
            return null;
        }

        foreach (var member in RequiredMembers(type))
        {
            if (!root.EnumerateObject().Any(p => string.Equals(p.Name, member, StringComparison.OrdinalIgnoreCase)))
            {
                problem = Problems.InvalidField("$." + member, $"'{member}' is required by the {workflow.Name} input ({type.Name}).", "The workflow input is not valid.");
                return null;
            }
        }

        try
        {
            var input = root.Deserialize(type, Options);
            if (input is null)
            {
                problem = Problems.InvalidField("$", example, "The workflow input is not valid.");
            }

            return input;
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            problem = Problems.InvalidField(path, $"'{path}' does not fit the {workflow.Name} input ({type.Name}): {FirstSentence(e.Message)}", "The workflow input is not valid.");
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            problem = Problems.InvalidField("$", $"The body cannot be read as the {workflow.Name} input ({type.Name}): {e.Message}", "The workflow input is not valid.");
            return null;
        }
    }

    /// <summary>The JSON names of the members a type cannot be built without: constructor parameters that have no default.</summary>
    internal static IReadOnlyList<string> RequiredMembers(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        var names = constructor?.GetParameters().Where(p => !p.HasDefaultValue && !p.IsOptional).Select(p => p.Name!) ?? [];
        var required = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null)
            .Select(p => p.Name);
        return [.. names.Concat(required).Distinct(StringComparer.OrdinalIgnoreCase).Select(n => Options.PropertyNamingPolicy?.ConvertName(n) ?? n)];
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = JsonDataConverter.CreateDefaultOptions();
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the path is reported on its own.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
