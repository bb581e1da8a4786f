using System.Text.Json;

namespace Baton.Workflows;

/// <summary>
/// The base of a workflow's input validator: <see cref="Validate(TInput)"/> checks the input against the JSON Schema of
/// <typeparamref name="TInput"/> (types, required members, enums, ranges, lengths, formats from data annotations, see
/// <see cref="WorkflowInputSchema"/>) and then the workflow's own rules in <see cref="Check"/>. Pure and thread-safe:
/// an orchestrator may call it on every replay.
/// </summary>
/// <typeparam name="TInput">The workflow's input type.</typeparam>
public abstract class WorkflowInputValidator<TInput> : IWorkflowInputValidator
    where TInput : class
{
    /// <summary>The workflow whose input this judges, named in <see cref="WorkflowInputException"/>'s message.</summary>
    protected abstract string Workflow { get; }

    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>Every problem with <paramref name="input"/>: the schema's first, then <see cref="Check"/>'s; empty when it is valid.</summary>
    public IReadOnlyList<WorkflowInputError> Validate(TInput? input)
    {
        if (input is null)
        {
            return [new("$", $"The {Workflow} input is missing; send it as a JSON object.")];
        }

        var errors = WorkflowInputSchema.Validate(
            WorkflowInputSchema.For(typeof(TInput)),
            JsonSerializer.SerializeToElement(input, WorkflowInputSchema.SerializerOptions));
        return errors.Count > 0 ? errors : [.. Check(input)];
    }

    /// <inheritdoc />
    IReadOnlyList<WorkflowInputError> IWorkflowInputValidator.Validate(object? input) => input switch
    {
        null => Validate(null),
        TInput typed => Validate(typed),
        _ => [new("$", $"The {Workflow} input must be a {typeof(TInput).Name}, not a {input.GetType().Name}.")],
    };

    /// <summary>Throws <see cref="WorkflowInputException"/> listing every problem when <paramref name="input"/> is not valid.</summary>
    /// <exception cref="WorkflowInputException">The input breaks at least one rule.</exception>
    public void ThrowIfInvalid(TInput? input)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            throw new WorkflowInputException(Workflow, errors);
        }
    }

    /// <summary>The workflow's own rules for an input that already fits its schema; yield one error per problem.</summary>
    protected abstract IEnumerable<WorkflowInputError> Check(TInput input);

    /// <summary>An error when <paramref name="value"/> is empty or blank.</summary>
    protected static IEnumerable<WorkflowInputError> NotBlank(string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new(field, $"'{Label(field)}' is empty; give {what}.");
        }
    }

    /// <summary>An error when <paramref name="value"/> is not a positive duration.</summary>
    protected static IEnumerable<WorkflowInputError> Positive(string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            yield return new(field, $"'{Label(field)}' must be a positive duration such as \"2.00:00:00\" (days.hours:minutes:seconds); it is {value}.");
        }
    }

    /// <summary>One error per blank item of <paramref name="items"/>, at the item's own path.</summary>
    protected static IEnumerable<WorkflowInputError> NoBlankItems(string field, IReadOnlyList<string>? items)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(items![i]))
            {
                yield return new($"{field}[{i}]", $"'{Label(field)}[{i}]' is empty; remove it or give a name.");
            }
        }
    }

    private static string Label(string field) => new WorkflowInputError(field, string.Empty).Label;
}
