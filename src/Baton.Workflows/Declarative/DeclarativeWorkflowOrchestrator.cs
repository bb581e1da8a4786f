using System.Text.Json;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <see cref="WorkflowNames.Declarative"/>: runs any loaded declarative workflow, named in the input, durably: each
/// agent call, tool call, webhook and approval is an activity, timer or event, so the run survives restarts and replay
/// repeats nothing. A run replays the version of the file it started with (<see cref="DeclarativeWorkflowInput.Version"/>),
/// whatever the file says now. Progress and spend are in custom status as a <see cref="WorkflowStatus"/>. A failed step fails the
/// run with <see cref="WorkflowStepFailedException"/>, or with <see cref="WorkflowCompensatedException"/> after the
/// compensations of completed steps ran in reverse.
/// </summary>
[DurableTask(WorkflowNames.Declarative)]
public sealed class DeclarativeWorkflowOrchestrator(DeclarativeWorkflowCatalog? catalog = null) : TaskOrchestrator<DeclarativeWorkflowInput, DeclarativeWorkflowOutput>
{
    /// <inheritdoc />
    public override Task<DeclarativeWorkflowOutput> RunAsync(TaskOrchestrationContext context, DeclarativeWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || string.IsNullOrWhiteSpace(input.Workflow))
        {
            throw new WorkflowInputException(
                WorkflowNames.Declarative,
                [new("$.workflow", $"'workflow' is empty; give the declarative workflow's name: {{ \"workflow\": \"...\", \"input\": {{ ... }} }}.")]);
        }

        return Run(context, catalog, input.Workflow, input.Input, input.Version);
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    internal static Task<DeclarativeWorkflowOutput> Run(TaskOrchestrationContext context, DeclarativeWorkflowCatalog? catalog, string workflow, JsonElement? input, string? version = null)
    {
        var loaded = catalog ?? DeclarativeWorkflowCatalog.Empty;
        var definition = loaded.Get(workflow, version);
        return new WorkflowRun(context, loaded, definition, CheckedInput(definition, input)).RunAsync();
    }

    /// <summary>
    /// The input checked against the file's declared inputs (the same check a start makes before scheduling), with
    /// declared defaults filled in; <see cref="WorkflowInputException"/> naming each field at fault when it does not fit.
    /// </summary>
    internal static JsonElement? CheckedInput(WorkflowDefinition definition, JsonElement? input)
    {
        if (definition.InputSchema is not { } schema)
        {
            return input;
        }

        var value = input is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given ? given : EmptyObject;
        var errors = WorkflowInputSchema.Validate(schema, value);
        return errors.Count > 0 ? throw new WorkflowInputException(definition.Name, errors) : WorkflowInputSchema.WithDefaults(schema, value);
    }
}
