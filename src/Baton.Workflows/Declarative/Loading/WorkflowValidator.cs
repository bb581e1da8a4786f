using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace Baton.Workflows;

/// <summary>
/// Checks parsed workflows against each other and the environment: unique names, known agents, tools, sub-workflows
/// and compensations, allow-listed webhooks, references only to outputs of earlier steps (and to fields their schema
/// has), switches on fields the schema has, and no cycle through sub-workflows. Adds every problem it finds.
/// </summary>
internal sealed class WorkflowValidator(WorkflowEnvironment environment, List<DeclarativeWorkflowError> errors)
{
    private static readonly Dictionary<StepKind, string[]> OutputFields = new()
    {
        [StepKind.Agent] = ["agent", "text", "output", "toolCalls"],
        [StepKind.Tool] = ["content", "isError"],
        [StepKind.Parallel] = ["results", "failed", "failedNames", "succeeded"],
        [StepKind.Switch] = ["case"],
        [StepKind.Loop] = ["iterations", "completed"],
        [StepKind.Approval] = ["approved", "approver", "comment", "decidedAt", "isDefault", "channel", "editedText", "text"],
        [StepKind.Webhook] = ["status", "body"],
    };

    public void Validate(IReadOnlyList<WorkflowDefinition> workflows)
    {
        var seen = new Dictionary<string, WorkflowDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var workflow in workflows)
        {
            if (string.Equals(workflow.Name, WorkflowNames.Declarative, StringComparison.OrdinalIgnoreCase) || environment.Workflows.Contains(workflow.Name, StringComparer.OrdinalIgnoreCase))
            {
                Error(workflow, null, new SourcePosition(workflow.File, 1, 1), $"The name '{workflow.Name}' is taken by a built-in workflow. Give this workflow another 'name'.");
            }
            else if (!seen.TryAdd(workflow.Name, workflow))
            {
                Error(workflow, null, new SourcePosition(workflow.File, 1, 1), $"The name '{workflow.Name}' is also used by {seen[workflow.Name].File}. Workflow names must be unique.");
            }
        }

        ValidateAgents(workflows);
        foreach (var workflow in workflows)
        {
            ValidateWorkflow(workflow, seen);
        }

        FindCycles(workflows, seen);
    }

    /// <summary>
    /// Agents of the files: names unique across the registered agents and every file (a step, the dashboard and spend
    /// name an agent by its name alone), and tools that exist.
    /// </summary>
    private void ValidateAgents(IReadOnlyList<WorkflowDefinition> workflows)
    {
        var seen = new Dictionary<string, WorkflowDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var workflow in workflows)
        {
            foreach (var agent in workflow.Agents)
            {
                if (environment.Agents.TryGet(agent.Name, out _))
                {
                    Error(workflow, null, agent.Position, $"Agent '{agent.Name}' is already registered by the host (agents registered: {string.Join(", ", environment.Agents.Names)}). Give the agent in this file another name, or use the registered one by leaving it out of 'agents'.");
                }
                else if (!seen.TryAdd(agent.Name, workflow))
                {
                    Error(workflow, null, agent.Position, $"Agent '{agent.Name}' is also defined in {seen[agent.Name].File}. Agent names must be unique across workflow files; rename one.");
                }

                foreach (var tool in agent.Definition.Tools.Where(t => !environment.Tools.TryGet(t, out _)))
                {
                    Error(workflow, null, agent.PositionOf("tools"), $"Agent '{agent.Name}' names an unknown tool '{tool}'. Registered tools: {string.Join(", ", environment.Tools.Names)}.");
                }
            }
        }
    }

    private void ValidateWorkflow(WorkflowDefinition workflow, Dictionary<string, WorkflowDefinition> yaml)
    {
        var names = new Dictionary<string, StepDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in workflow.AllSteps.Concat(workflow.Compensations.Values))
        {
            if (!names.TryAdd(step.Name, step))
            {
                Error(workflow, step, step.PositionOf("name"), $"Another step is already named '{step.Name}'. Step names must be unique in a workflow.");
            }

            CheckTargets(workflow, step, yaml);
        }

        var visible = new Dictionary<string, StepDefinition>(StringComparer.OrdinalIgnoreCase);
        CheckSequence(workflow, workflow.Steps, visible, Scope.None);
        foreach (var compensation in workflow.Compensations.Values)
        {
            CheckStep(workflow, compensation, new Dictionary<string, StepDefinition>(visible, StringComparer.OrdinalIgnoreCase), Scope.Compensation);
        }

        if (workflow.Output is not null)
        {
            foreach (var path in workflow.Output.Paths)
            {
                CheckPath(workflow, null, workflow.OutputPosition ?? new SourcePosition(workflow.File, 1, 1), path, visible, Scope.None, "The output refers to");
            }
        }
    }

    private void CheckTargets(WorkflowDefinition workflow, StepDefinition step, Dictionary<string, WorkflowDefinition> yaml)
    {
        switch (step.Kind)
        {
            case StepKind.Agent when step.Agent is not null && workflow.Agent(step.Agent) is null && !environment.Agents.TryGet(step.Agent, out _):
                Error(workflow, step, step.PositionOf("agent"), $"Unknown agent '{step.Agent}'. " +
                    (workflow.Agents.Count == 0 ? string.Empty : $"Agents of this file: {string.Join(", ", workflow.Agents.Select(a => a.Name))}. ") +
                    $"Registered agents: {string.Join(", ", environment.Agents.Names)}. Define it under 'agents:' in this file, or register it with services.AddBaton(b => b.AddAgent(...)).");
                break;
            case StepKind.Tool when step.Target is not null && !environment.Tools.TryGet(step.Target, out _):
                Error(workflow, step, step.PositionOf("tool"), $"Unknown tool '{step.Target}'. Registered tools: {string.Join(", ", environment.Tools.Names)}.");
                break;
            case StepKind.Tool when step.Target is not null && environment.Tools.Get(step.Target).RequiresApproval:
                Error(workflow, step, step.PositionOf("tool"), $"Tool '{step.Target}' requires a person's approval before it runs; call it through an agent step that has 'approvers', which asks for that approval.");
                break;
            case StepKind.Workflow when step.Target is not null && !yaml.ContainsKey(step.Target) && !environment.Workflows.Contains(step.Target, StringComparer.OrdinalIgnoreCase):
                Error(workflow, step, step.PositionOf("workflow"), $"Unknown workflow '{step.Target}'. Known workflows: {string.Join(", ", environment.Workflows.Concat(yaml.Keys).Order(StringComparer.OrdinalIgnoreCase))}.");
                break;
            case StepKind.Webhook when step.Url is not null && !environment.Options.IsAllowed(step.Url):
                Error(workflow, step, step.PositionOf("url"), $"The URL {step.Url} is not allow-listed. Add its prefix to DeclarativeWorkflowOptions.AllowedWebhookUrls, or call an allowed endpoint.");
                break;
        }

        if (step.Compensate is not null && !workflow.Compensations.ContainsKey(step.Compensate))
        {
            Error(workflow, step, step.PositionOf("compensate"), $"'compensate: {step.Compensate}' names no step under 'compensations'. Compensations: {(workflow.Compensations.Count == 0 ? "(none)" : string.Join(", ", workflow.Compensations.Keys))}.");
        }
    }

    private void CheckSequence(WorkflowDefinition workflow, IReadOnlyList<StepDefinition> steps, Dictionary<string, StepDefinition> visible, Scope scope)
    {
        foreach (var step in steps)
        {
            CheckStep(workflow, step, visible, scope);
            visible[step.Name] = step;
        }
    }

    private void CheckStep(WorkflowDefinition workflow, StepDefinition step, Dictionary<string, StepDefinition> visible, Scope scope)
    {
        Check(step.When, "when");
        foreach (var (field, template) in new[] { ("prompt", step.Prompt), ("approvers", step.Approvers), ("input", step.Input), ("arguments", step.Input), ("body", step.Input), ("title", step.Title), ("details", step.Details), ("escalateTo", step.EscalateTo) })
        {
            if (template is not null && step.Fields.ContainsKey(field))
            {
                foreach (var path in template.Paths)
                {
                    CheckPath(workflow, step, step.PositionOf(field), path, visible, scope, "It refers to");
                }
            }
        }

        foreach (var (_, header) in step.Headers)
        {
            foreach (var path in header.Paths)
            {
                CheckPath(workflow, step, step.PositionOf("headers"), path, visible, scope, "It refers to");
            }
        }

        switch (step.Kind)
        {
            case StepKind.Parallel:
                foreach (var branch in step.Branches)
                {
                    // Branches run at once: each sees what came before the parallel step, not its siblings.
                    CheckStep(workflow, branch, new Dictionary<string, StepDefinition>(visible, StringComparer.OrdinalIgnoreCase), scope);
                }

                if (step.Collect is not null)
                {
                    foreach (var path in step.Collect.Paths)
                    {
                        CheckPath(workflow, step, step.PositionOf("collect"), path, visible, scope | Scope.Branch, "'collect' refers to");
                    }
                }

                foreach (var branch in step.Branches)
                {
                    visible[branch.Name] = branch;
                }

                break;

            case StepKind.Switch:
                if (step.On is not null)
                {
                    CheckPath(workflow, step, step.PositionOf("on"), step.On, visible, scope, "It switches on");
                }

                foreach (var list in step.Cases.Select(c => c.Steps).Append(step.Default))
                {
                    // Steps of any case can be read after the switch; a case that did not run leaves them null.
                    CheckSequence(workflow, list, visible, scope);
                }

                break;

            case StepKind.Loop:
                // Inside the body, a step may read a later body step: its output from the previous iteration.
                foreach (var body in step.Steps)
                {
                    visible[body.Name] = body;
                }

                CheckSequence(workflow, step.Steps, visible, scope | Scope.Loop);
                Check(step.Until, "until", Scope.Loop);
                break;
        }

        void Check(Condition? condition, string field, Scope extra = Scope.None)
        {
            foreach (var path in condition?.Paths ?? [])
            {
                CheckPath(workflow, step, step.PositionOf(field), path, visible, scope | extra, $"'{field}' refers to");
            }
        }
    }

    private void CheckPath(WorkflowDefinition workflow, StepDefinition? step, SourcePosition position, ValuePath path, Dictionary<string, StepDefinition> visible, Scope scope, string what)
    {
        var root = path.Root;
        if (ValuePath.ReservedRoots.Contains(root))
        {
            var allowed = root.ToLowerInvariant() switch
            {
                "loop" => scope.HasFlag(Scope.Loop),
                "branch" => scope.HasFlag(Scope.Branch),
                "compensating" => scope.HasFlag(Scope.Compensation),
                _ => true,
            };
            if (!allowed)
            {
                Error(workflow, step, position, $"{what} '{path}', but '{root}' exists only inside a {(root == "branch" ? "parallel step's collect" : root == "loop" ? "loop" : "compensation")}.");
            }

            return;
        }

        if (!visible.TryGetValue(root, out var source))
        {
            Error(workflow, step, position, $"{what} '{path}', but no earlier step is named '{root}'. Steps before it: {(visible.Count == 0 ? "(none)" : string.Join(", ", visible.Keys))}.");
            return;
        }

        if (path.Segments.Count < 2 || !OutputFields.TryGetValue(source.Kind, out var fields))
        {
            return;
        }

        var field = path.Segments[1];
        if (!fields.Contains(field, StringComparer.OrdinalIgnoreCase))
        {
            Error(workflow, step, position, $"{what} '{path}', but a {source.Kind.ToString().ToLowerInvariant()} step's output has no field '{field}'. Its fields: {string.Join(", ", fields)}.");
            return;
        }

        if (source.Kind == StepKind.Agent && string.Equals(field, "output", StringComparison.OrdinalIgnoreCase)
            && source.Agent is not null && workflow.Agent(source.Agent) is { } declared)
        {
            if (declared.OutputSchema is not { } schema)
            {
                Error(workflow, step, position, $"{what} '{path}', but agent '{declared.Name}' has no structured output; give it an 'output' schema, or read '{root}.text' instead.");
                return;
            }

            CheckSchema(workflow, step, position, path, declared.Name, schema, what);
        }
        else if (source.Kind == StepKind.Agent && string.Equals(field, "output", StringComparison.OrdinalIgnoreCase)
            && source.Agent is not null && environment.Agents.TryGet(source.Agent, out var agent))
        {
            if (agent.OutputType is null)
            {
                Error(workflow, step, position, $"{what} '{path}', but agent '{agent.Name}' has no structured output; read '{root}.text' instead.");
                return;
            }

            CheckSchema(workflow, step, position, path, agent.Name, agent.OutputType, what);
        }
    }

    private void CheckSchema(WorkflowDefinition workflow, StepDefinition? step, SourcePosition position, ValuePath path, string agent, Type type, string what)
    {
        var current = type;
        foreach (var segment in path.Segments.Skip(2))
        {
            if (current == typeof(string) || current.IsPrimitive || current.IsEnum || current == typeof(decimal) || current == typeof(DateTime))
            {
                Error(workflow, step, position, $"{what} '{path}', but '{segment}' is inside a {current.Name} value, which has no fields.");
                return;
            }

            if (current == typeof(object) || current == typeof(JsonElement))
            {
                return;
            }

            if (ElementType(current) is { } element)
            {
                if (!int.TryParse(segment, out _))
                {
                    Error(workflow, step, position, $"{what} '{path}', but '{segment}' should be an index into a list (e.g. 0).");
                    return;
                }

                current = element;
                continue;
            }

            var properties = current.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
            var property = properties.FirstOrDefault(p => string.Equals(JsonNamingPolicy.CamelCase.ConvertName(p.Name), segment, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                Error(workflow, step, position,
                    $"{what} '{path}', but the output schema of agent '{agent}' ({current.Name}) has no field '{segment}'. Its fields: " +
                    string.Join(", ", properties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))) + ".");
                return;
            }

            current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
    }

    /// <summary>Walks <paramref name="path"/> into a JSON schema written in the file: properties of objects, items of arrays.</summary>
    private void CheckSchema(WorkflowDefinition workflow, StepDefinition? step, SourcePosition position, ValuePath path, string agent, JsonElement schema, string what)
    {
        var current = schema;
        foreach (var segment in path.Segments.Skip(2))
        {
            var type = current.ValueKind == JsonValueKind.Object && current.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is "array" || (type is null && current.ValueKind == JsonValueKind.Object && current.TryGetProperty("items", out _)))
            {
                if (!int.TryParse(segment, out _))
                {
                    Error(workflow, step, position, $"{what} '{path}', but '{segment}' should be an index into a list (e.g. 0).");
                    return;
                }

                if (!current.TryGetProperty("items", out current))
                {
                    return;
                }

                continue;
            }

            if (type is "string" or "number" or "integer" or "boolean" or "null")
            {
                Error(workflow, step, position, $"{what} '{path}', but '{segment}' is inside a {type} value, which has no fields.");
                return;
            }

            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            {
                // No properties listed: anything may be there.
                return;
            }

            var match = properties.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
            if (match.Value.ValueKind == JsonValueKind.Undefined)
            {
                Error(workflow, step, position,
                    $"{what} '{path}', but the output schema of agent '{agent}' has no field '{segment}'. Its fields: " +
                    string.Join(", ", properties.EnumerateObject().Select(p => p.Name)) + ".");
                return;
            }

            current = match.Value;
        }
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type) || type == typeof(string))
        {
            return null;
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private void FindCycles(IReadOnlyList<WorkflowDefinition> workflows, Dictionary<string, WorkflowDefinition> yaml)
    {
        var state = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var stack = new List<(WorkflowDefinition Workflow, StepDefinition? Via)>();
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var workflow in workflows)
        {
            Visit(workflow, null);
        }

        void Visit(WorkflowDefinition workflow, StepDefinition? via)
        {
            if (state.TryGetValue(workflow.Name, out var s))
            {
                if (s == 1)
                {
                    var start = stack.FindIndex(e => string.Equals(e.Workflow.Name, workflow.Name, StringComparison.OrdinalIgnoreCase));
                    var cycle = stack.Skip(start).Select(e => e.Workflow.Name).Append(workflow.Name).ToList();
                    var key = string.Join(">", cycle.Skip(1).Order(StringComparer.OrdinalIgnoreCase));
                    if (reported.Add(key))
                    {
                        var caller = stack[^1].Workflow;
                        Error(caller, via, via!.PositionOf("workflow"), $"Sub-workflows form a cycle: {string.Join(" -> ", cycle)}. A workflow may not run itself, directly or through others.");
                    }
                }

                return;
            }

            state[workflow.Name] = 1;
            stack.Add((workflow, via));
            foreach (var step in workflow.AllSteps.Concat(workflow.Compensations.Values).Where(x => x.Kind == StepKind.Workflow && x.Target is not null))
            {
                if (yaml.TryGetValue(step.Target!, out var child))
                {
                    Visit(child, step);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[workflow.Name] = 2;
        }
    }

    private void Error(WorkflowDefinition workflow, StepDefinition? step, SourcePosition position, string message) =>
        errors.Add(new DeclarativeWorkflowError(position.File, position.Line, position.Column, workflow.Name, step?.Name, message));

    [Flags]
    private enum Scope
    {
        None = 0,
        Loop = 1,
        Branch = 2,
        Compensation = 4,
    }
}
