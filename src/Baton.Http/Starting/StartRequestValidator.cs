using System.Text.Json;
using Baton.Workflows;

namespace Baton.Http;

/// <summary>
/// Judges a start request's body as a workflow's input, in this order, and says exactly which fields are wrong: a body
/// that is not a JSON object; the workflow's input JSON Schema (types, required members, enums, ranges, lengths,
/// formats such as email addresses; every problem at once, see <see cref="WorkflowInputSchema"/>); for a C# workflow,
/// reading it as the input type with the engine's JSON rules (camelCase, case-insensitive, enums as strings); then the
/// workflow's own <see cref="WorkflowDescriptor.InputValidator"/>, the same one its orchestrator runs. Thread-safe.
/// </summary>
public static class StartRequestValidator
{
    /// <summary>
    /// Reads <paramref name="body"/> as <paramref name="workflow"/>'s input. On success returns the input (typed for a
    /// C# workflow; a JSON object with declared defaults filled in for a declarative one) and a null problem; otherwise
    /// null and a 400 problem whose <c>errors</c> map each JSON path at fault to what is wrong.
    /// </summary>
    public static object? Read(WorkflowDescriptor workflow, string? body, out HttpReply? problem)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        problem = null;
        var type = workflow.InputType;
        var example = workflow.IsDeclarative ? $"Send the {workflow.Name} input as a JSON object." : $"Send the {workflow.Name} input ({type.Name}) as a JSON object.";
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

        var schema = workflow.GetInputSchema();
        if (!workflow.IsDeclarative)
        {
            // C# inputs are read case-insensitively; the schema is checked on the names and enum values as declared.
            root = WorkflowInputSchema.Normalize(schema, root);
        }

        if (WorkflowInputSchema.Validate(schema, root) is { Count: > 0 } schemaErrors)
        {
            problem = Problems.InvalidInput(workflow.Name, schemaErrors);
            return null;
        }

        if (workflow.IsDeclarative || type == typeof(JsonElement))
        {
            return WorkflowInputSchema.WithDefaults(schema, root);
        }

        object? input;
        try
        {
            input = root.Deserialize(type, WorkflowInputSchema.SerializerOptions);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            problem = Problems.InvalidInput(workflow.Name, [new(path, $"It does not fit the {workflow.Name} input ({type.Name}): {FirstSentence(e.Message)}")]);
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            problem = Problems.InvalidInput(workflow.Name, [new("$", $"The body cannot be read as the {workflow.Name} input ({type.Name}): {Problems.WithoutParameterName(e)}")]);
            return null;
        }

        if (input is null)
        {
            problem = Problems.InvalidField("$", example, "The workflow input is not valid.");
            return null;
        }

        if (workflow.InputValidator?.Validate(input) is { Count: > 0 } ruleErrors)
        {
            problem = Problems.InvalidInput(workflow.Name, ruleErrors);
            return null;
        }

        return input;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the path is reported on its own.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
