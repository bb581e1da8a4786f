using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Agents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Workflows;

/// <summary>
/// Reads one workflow file into a <see cref="WorkflowDefinition"/>, checking its shape (fields, kinds, durations,
/// expressions). Every problem is added to the error list with its position; the result is null when there was any.
/// References between steps and to agents are checked afterwards by <see cref="WorkflowValidator"/>.
/// </summary>
internal sealed class WorkflowFileParser(string file, List<DeclarativeWorkflowError> errors)
{
    private static readonly string[] CommonFields = ["name", "kind", "timeout", "retry", "compensate", "when", "description"];

    private static readonly Dictionary<StepKind, string[]> KindFields = new()
    {
        [StepKind.Agent] = ["agent", "prompt", "approvers", "approvalTimeout", "maxTurns"],
        [StepKind.Tool] = ["tool", "arguments"],
        [StepKind.Activity] = ["activity", "input"],
        [StepKind.Parallel] = ["branches", "maxConcurrency", "minSucceeded", "collect"],
        [StepKind.Switch] = ["on", "cases", "default"],
        [StepKind.Loop] = ["steps", "until", "maxIterations"],
        [StepKind.Approval] = ["title", "approvers", "details", "timeout", "reminder", "maxReminders", "default", "approvalKind", "allowEdits", "escalateTo"],
        [StepKind.Workflow] = ["workflow", "input"],
        [StepKind.Webhook] = ["url", "method", "body", "headers"],
    };

    private string? _workflow;

    public WorkflowDefinition? Parse(string text)
    {
        YamlMappingNode root;
        if (YamlLimits.Check(text) is { } limit)
        {
            errors.Add(new DeclarativeWorkflowError(file, limit.Line, limit.Column, null, null, limit.Message));
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                Error(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, null, "The file must be a mapping with 'name' and 'steps'.");
                return null;
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            errors.Add(new DeclarativeWorkflowError(file, (int)e.Start.Line, (int)e.Start.Column, null, null, "The file is not valid YAML: " + e.Message));
            return null;
        }

        var fields = Fields(root, null, ["name", "description", "input", "inputs", "agents", "steps", "compensations", "output"]);
        _workflow = Scalar(fields, "name", null) ?? Path.GetFileNameWithoutExtension(file);
        var agents = fields.TryGetValue("agents", out var agentsNode) ? AgentList(agentsNode) : [];
        var steps = fields.TryGetValue("steps", out var stepsNode) ? StepList(stepsNode, "steps") : null;
        if (steps is null && !fields.ContainsKey("steps"))
        {
            Error(root, null, "The workflow has no 'steps'. Add a list of steps.");
        }

        var compensations = fields.TryGetValue("compensations", out var compNode) ? StepList(compNode, "compensations") ?? [] : [];
        var output = fields.TryGetValue("output", out var outputNode) ? TemplateOf(outputNode, null) : null;
        var inputSchema = new WorkflowInputsParser((node, message) => Error(node, null, message))
            .Parse(fields.GetValueOrDefault("inputs"), fields.GetValueOrDefault("input"));

        // Returned even with problems (steps that could not be read are left out), so that references and agents are
        // checked too and every problem is reported at once; the loader loads nothing when there is any.
        return new WorkflowDefinition
        {
            Name = _workflow,
            File = file,
            Description = Scalar(fields, "description", null) ?? string.Empty,
            InputSchema = inputSchema,
            Steps = steps ?? [],
            Agents = agents,
            Version = WorkflowVersion.Of(text),
            Text = text,
            Compensations = compensations.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase),
            Output = output,
            OutputPosition = outputNode is null ? null : Position(outputNode),
        };
    }

    private List<AgentDeclaration> AgentList(YamlNode node)
    {
        var agents = new List<AgentDeclaration>();
        if (node is not YamlMappingNode mapping)
        {
            Error(node, null, "'agents' must be a mapping from each agent's name to its definition: instructions, model, tools, output, temperature, maxTokens.");
            return agents;
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
            if (name is null || !ValuePath.TryParse(name, out var path) || path!.Segments.Count != 1)
            {
                Error(key, null, $"The agent name '{name}' must start with a letter and hold only letters, digits, '-' and '_'.");
                continue;
            }

            if (Agent(name, key, value) is { } agent)
            {
                agents.Add(agent);
            }
        }

        return agents;
    }

    private AgentDeclaration? Agent(string name, YamlNode key, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, null, $"Agent '{name}' must be a mapping with at least 'instructions'.");
            return null;
        }

        var fields = Fields(mapping, null, ["description", "instructions", "model", "tools", "output", "temperature", "maxTokens"]);
        var instructions = Scalar(fields, "instructions", null);
        if (string.IsNullOrWhiteSpace(instructions))
        {
            Error(fields.GetValueOrDefault("instructions") ?? key, null, $"Agent '{name}' needs 'instructions': the system message that tells it what to do.");
        }

        var model = Scalar(fields, "model", null);
        if (model is not null && string.IsNullOrWhiteSpace(model))
        {
            Error(fields["model"], null, $"Agent '{name}': 'model' must name a model key (its settings are under Baton:Models:{{key}}), or be left out for the default model.");
        }

        var tools = new List<string>();
        if (fields.TryGetValue("tools", out var toolsNode))
        {
            if (toolsNode is YamlSequenceNode list && list.Children.All(t => t is YamlScalarNode { Value.Length: > 0 }))
            {
                tools.AddRange(list.Children.Select(t => ((YamlScalarNode)t).Value!));
            }
            else
            {
                Error(toolsNode, null, $"Agent '{name}': 'tools' must be a list of tool names, e.g. [search_documents, read_document].");
            }
        }

        float? temperature = null;
        if (Scalar(fields, "temperature", null) is { } t)
        {
            if (float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 2)
            {
                temperature = value;
            }
            else
            {
                Error(fields["temperature"], null, $"Agent '{name}': 'temperature: {t}' must be a number from 0 to 2.");
            }
        }

        var maxTokens = Integer(fields, "maxTokens", null, 1);
        var schema = fields.TryGetValue("output", out var outputNode) ? OutputSchema(name, outputNode) : null;
        return new AgentDeclaration(
            new AgentDefinition(name, instructions?.Trim() ?? string.Empty, string.IsNullOrWhiteSpace(model) ? AgentDefinition.DefaultModel : model.Trim())
            {
                Description = Scalar(fields, "description", null)?.Trim(),
                Tools = tools,
                Options = new AgentModelOptions(temperature, maxTokens),
                OutputSchema = schema,
            },
            Position(key))
        {
            Fields = fields.ToDictionary(f => f.Key, f => Position(f.Value), StringComparer.Ordinal),
        };
    }

    private JsonElement? OutputSchema(string agent, YamlNode node)
    {
        if (node is not YamlMappingNode)
        {
            Error(node, null, $"Agent '{agent}': 'output' must be a JSON schema written as YAML, e.g. {{ type: object, properties: {{ verdict: {{ type: string, enum: [approve, revise] }} }}, required: [verdict] }}.");
            return null;
        }

        var json = YamlJson.ToNode(node);
        if (json is not JsonObject root || !string.Equals((root["type"] as JsonValue)?.ToString(), "object", StringComparison.Ordinal))
        {
            Error(node, null, $"Agent '{agent}': the 'output' schema must have 'type: object' at its root (with 'properties'): models answer structured output as a JSON object.");
            return null;
        }

        var element = JsonSerializer.SerializeToElement(json);
        try
        {
            StructuredOutputValidator.SchemaErrors(element, JsonSerializer.SerializeToElement(new JsonObject()));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            Error(node, null, $"Agent '{agent}': the 'output' schema is not a valid JSON schema: {e.Message}");
            return null;
        }

        return element;
    }

    private List<StepDefinition>? StepList(YamlNode node, string field, string? owner = null)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, owner, $"'{field}' must be a list of steps.");
            return null;
        }

        var steps = new List<StepDefinition>();
        foreach (var item in sequence.Children)
        {
            if (Step(item) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private StepDefinition? Step(YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, null, "A step must be a mapping with at least 'name' and 'kind'.");
            return null;
        }

        var raw = Fields(mapping, null, null);
        var name = raw.TryGetValue("name", out var nameNode) && nameNode is YamlScalarNode { Value: { Length: > 0 } n } ? n : null;
        if (name is null)
        {
            Error(mapping, null, "The step has no 'name'. Give every step a unique name; later steps read its output by that name.");
        }
        else if (!ValuePath.TryParse(name, out var asPath) || asPath!.Segments.Count != 1)
        {
            Error(nameNode, name, $"The step name '{name}' must start with a letter and hold only letters, digits, '-' and '_'.");
        }
        else if (ValuePath.ReservedRoots.Contains(name))
        {
            Error(nameNode, name, $"The step name '{name}' is reserved ({string.Join(", ", ValuePath.ReservedRoots)}). Choose another name.");
        }

        var kindText = raw.TryGetValue("kind", out var kindNode) && kindNode is YamlScalarNode { Value: { } k } ? k : null;
        StepKind kind;
        if (kindText is null)
        {
            Error(mapping, name, "The step has no 'kind'. Kinds: " + KindList + ".");
            return null;
        }

        if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
        {
            Error(kindNode, name, $"Unknown step kind '{kindText}'. Kinds: {KindList}.");
            return null;
        }

        foreach (var (key, keyNode) in mapping.Children)
        {
            var field = ((YamlScalarNode)key).Value ?? string.Empty;
            if (!CommonFields.Contains(field, StringComparer.Ordinal) && !KindFields[kind].Contains(field, StringComparer.Ordinal))
            {
                Error(key, name, $"Unknown field '{field}' for a step of kind {kindText}. Its fields: {string.Join(", ", CommonFields.Concat(KindFields[kind]))}.");
            }
        }

        name ??= "(unnamed)";
        var position = Position(mapping);
        var step = new StepDefinition
        {
            Name = name,
            Kind = kind,
            Position = position,
            Fields = raw.ToDictionary(f => f.Key, f => Position(f.Value), StringComparer.Ordinal),
            Timeout = Duration(raw, "timeout", name),
            Retry = raw.TryGetValue("retry", out var retryNode) ? Retry(retryNode, name) : null,
            Compensate = Scalar(raw, "compensate", name),
            When = ConditionOf(raw, "when", name),
        };

        return kind switch
        {
            StepKind.Agent => step with
            {
                Agent = Required(raw, "agent", mapping, name),
                Prompt = RequiredTemplate(raw, "prompt", mapping, name),
                Approvers = raw.TryGetValue("approvers", out var a) ? TemplateOf(a, name) : null,
                ApprovalTimeout = Duration(raw, "approvalTimeout", name),
                MaxTurns = Integer(raw, "maxTurns", name, 1),
            },
            StepKind.Tool => Copy(step, target: Required(raw, "tool", mapping, name), input: raw.TryGetValue("arguments", out var args) ? TemplateOf(args, name) : null),
            StepKind.Activity => Copy(step, target: Required(raw, "activity", mapping, name), input: raw.TryGetValue("input", out var ai) ? TemplateOf(ai, name) : null),
            StepKind.Workflow => Copy(step, target: Required(raw, "workflow", mapping, name), input: raw.TryGetValue("input", out var wi) ? TemplateOf(wi, name) : null),
            StepKind.Parallel => Parallel(step, raw, mapping),
            StepKind.Switch => Switch(step, raw, mapping),
            StepKind.Loop => Loop(step, raw, mapping),
            StepKind.Approval => Approval(step, raw, mapping),
            _ => Webhook(step, raw, mapping),
        };
    }

    private static string KindList => string.Join(", ", Enum.GetNames<StepKind>().Select(n => n.ToLowerInvariant()));

    private static StepDefinition Copy(StepDefinition s, string? target = null, Template? input = null) => s with { Target = target, Input = input };

    private StepDefinition Parallel(StepDefinition s, Dictionary<string, YamlNode> raw, YamlMappingNode mapping)
    {
        var branches = raw.TryGetValue("branches", out var b) ? StepList(b, "branches", s.Name) ?? [] : [];
        if (!raw.ContainsKey("branches") || branches.Count == 0)
        {
            Error(raw.GetValueOrDefault("branches") ?? mapping, s.Name, "A parallel step needs 'branches': a list of at least one step.");
        }

        var min = Integer(raw, "minSucceeded", s.Name, 1);
        if (min is { } m && branches.Count > 0 && m > branches.Count)
        {
            Error(raw["minSucceeded"], s.Name, $"minSucceeded is {m} but there are {branches.Count} branches; it must be between 1 and {branches.Count}.");
        }

        return s with
        {
            Branches = branches,
            MaxConcurrency = Integer(raw, "maxConcurrency", s.Name, 1),
            MinSucceeded = min,
            Collect = raw.TryGetValue("collect", out var c) ? TemplateOf(c, s.Name) : null,
        };
    }

    private StepDefinition Switch(StepDefinition s, Dictionary<string, YamlNode> raw, YamlMappingNode mapping)
    {
        ValuePath? on = null;
        if (!raw.TryGetValue("on", out var onNode) || onNode is not YamlScalarNode { Value: { } onText })
        {
            Error(onNode ?? mapping, s.Name, "A switch step needs 'on': the field it switches on, e.g. classify.output.category.");
        }
        else if (!ValuePath.TryParse(onText.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal), out on))
        {
            Error(onNode, s.Name, $"'on: {onText}' is not a reference such as classify.output.category.");
        }

        var cases = new List<(string, IReadOnlyList<StepDefinition>)>();
        if (raw.TryGetValue("cases", out var casesNode) && casesNode is YamlMappingNode caseMap)
        {
            foreach (var (key, value) in caseMap.Children)
            {
                cases.Add((((YamlScalarNode)key).Value ?? string.Empty, StepList(value, "cases", s.Name) ?? []));
            }
        }
        else
        {
            Error(casesNode ?? mapping, s.Name, "A switch step needs 'cases': a mapping from each value to the steps to run for it.");
        }

        return s with
        {
            On = on,
            Cases = cases,
            Default = raw.TryGetValue("default", out var d) ? StepList(d, "default", s.Name) ?? [] : [],
        };
    }

    private StepDefinition Loop(StepDefinition s, Dictionary<string, YamlNode> raw, YamlMappingNode mapping)
    {
        var steps = raw.TryGetValue("steps", out var body) ? StepList(body, "steps", s.Name) ?? [] : [];
        if (steps.Count == 0)
        {
            Error(body ?? mapping, s.Name, "A loop step needs 'steps': the body, a list of at least one step.");
        }

        var max = Integer(raw, "maxIterations", s.Name, 1);
        if (max is null)
        {
            Error(mapping, s.Name, "A loop step needs 'maxIterations' (1 or more), so that it always ends.");
        }

        return s with
        {
            Steps = steps,
            Until = ConditionOf(raw, "until", s.Name),
            MaxIterations = max ?? 1,
        };
    }

    private StepDefinition Approval(StepDefinition s, Dictionary<string, YamlNode> raw, YamlMappingNode mapping)
    {
        if (s.Timeout is null && !raw.ContainsKey("timeout"))
        {
            Error(mapping, s.Name, "An approval step needs 'timeout' (e.g. 2d), after which 'default' decides.");
        }

        var decision = ApprovalTimeoutAction.Reject;
        if (Scalar(raw, "default", s.Name) is { } text && !Enum.TryParse(text, ignoreCase: true, out decision))
        {
            Error(raw["default"], s.Name, $"'default: {text}' must be approve, reject or fail.");
        }

        var reminder = Duration(raw, "reminder", s.Name);
        return s with
        {
            Timeout = null,
            ApprovalTimeout = s.Timeout,
            Title = RequiredTemplate(raw, "title", mapping, s.Name),
            Approvers = RequiredTemplate(raw, "approvers", mapping, s.Name),
            Details = raw.TryGetValue("details", out var d) ? TemplateOf(d, s.Name) : null,
            Reminder = reminder,
            MaxReminders = Integer(raw, "maxReminders", s.Name, 0) ?? (reminder is null ? 0 : 1),
            DefaultDecision = decision,
            ApprovalKind = Scalar(raw, "approvalKind", s.Name) ?? "workflow",
            AllowEdits = Boolean(raw, "allowEdits", s.Name) ?? false,
            EscalateTo = raw.TryGetValue("escalateTo", out var e) ? TemplateOf(e, s.Name) : null,
        };
    }

    private bool? Boolean(Dictionary<string, YamlNode> fields, string name, string? step)
    {
        if (Scalar(fields, name, step) is not { } text)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            Error(fields[name], step, $"'{name}: {text}' must be true or false.");
            return null;
        }

        return value;
    }

    private StepDefinition Webhook(StepDefinition s, Dictionary<string, YamlNode> raw, YamlMappingNode mapping)
    {
        var urlText = Required(raw, "url", mapping, s.Name);
        Uri? url = null;
        if (urlText is not null && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            Error(raw["url"], s.Name, $"'url: {urlText}' must be an absolute http or https URL (no expressions: only allow-listed endpoints are called).");
            url = null;
        }

        var headers = new List<(string, Template)>();
        if (raw.TryGetValue("headers", out var headerNode))
        {
            if (headerNode is YamlMappingNode headerMap)
            {
                headers.AddRange(headerMap.Children.Select(h => (((YamlScalarNode)h.Key).Value ?? string.Empty, TemplateOf(h.Value, s.Name)!)));
            }
            else
            {
                Error(headerNode, s.Name, "'headers' must be a mapping from header name to value.");
            }
        }

        var method = (Scalar(raw, "method", s.Name) ?? "POST").ToUpperInvariant();
        if (method is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
        {
            Error(raw["method"], s.Name, $"'method: {method}' must be GET, POST, PUT, PATCH or DELETE.");
        }

        return s with
        {
            Url = url,
            Method = method,
            Input = raw.TryGetValue("body", out var body) ? TemplateOf(body, s.Name) : null,
            Headers = headers,
        };
    }

    private StepRetry? Retry(YamlNode node, string step)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, step, "'retry' must be a mapping: { maxAttempts: 3, delay: 5s, backoff: 2, maxDelay: 1m }.");
            return null;
        }

        var fields = Fields(mapping, step, ["maxAttempts", "delay", "backoff", "maxDelay"]);
        var attempts = Integer(fields, "maxAttempts", step, 1) ?? 3;
        var delay = Duration(fields, "delay", step) ?? TimeSpan.FromSeconds(5);
        var backoff = 1.0;
        if (Scalar(fields, "backoff", step) is { } b && (!double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out backoff) || backoff < 1))
        {
            Error(fields["backoff"], step, $"'backoff: {b}' must be a number of 1 or more.");
            backoff = 1.0;
        }

        if (delay <= TimeSpan.Zero)
        {
            Error(fields.GetValueOrDefault("delay") ?? mapping, step, "The retry 'delay' must be longer than zero.");
            delay = TimeSpan.FromSeconds(1);
        }

        return new StepRetry(attempts, delay, backoff, Duration(fields, "maxDelay", step));
    }

    private Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, string? step, string[]? allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Error(key, step, "Field names must be plain text.");
                continue;
            }

            if (allowed is not null && !allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(key, step, $"Unknown field '{name}'. Fields here: {string.Join(", ", allowed)}.");
            }

            if (!fields.TryAdd(name, value))
            {
                Error(key, step, $"The field '{name}' is written twice.");
            }
        }

        return fields;
    }

    private string? Scalar(Dictionary<string, YamlNode> fields, string name, string? step)
    {
        if (!fields.TryGetValue(name, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(node, step, $"'{name}' must be a single value, not a list or a mapping.");
        return null;
    }

    private string? Required(Dictionary<string, YamlNode> fields, string name, YamlNode owner, string? step)
    {
        var value = Scalar(fields, name, step);
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(fields.GetValueOrDefault(name) ?? owner, step, $"The step needs '{name}'.");
            return null;
        }

        return value;
    }

    private Template? RequiredTemplate(Dictionary<string, YamlNode> fields, string name, YamlNode owner, string? step)
    {
        if (!fields.TryGetValue(name, out var node))
        {
            Error(owner, step, $"The step needs '{name}'.");
            return null;
        }

        return TemplateOf(node, step);
    }

    private int? Integer(Dictionary<string, YamlNode> fields, string name, string? step, int minimum)
    {
        if (Scalar(fields, name, step) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            Error(fields[name], step, $"'{name}: {text}' must be a whole number of {minimum} or more.");
            return null;
        }

        return value;
    }

    private TimeSpan? Duration(Dictionary<string, YamlNode> fields, string name, string? step)
    {
        if (Scalar(fields, name, step) is not { } text)
        {
            return null;
        }

        if (TryParseDuration(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        Error(fields[name], step, $"'{name}: {text}' is not a duration. Write e.g. 500ms, 30s, 5m, 2h, 1d or 01:30:00.");
        return null;
    }

    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var t = text.Trim();
        var units = new (string Suffix, Func<double, TimeSpan> Make)[]
        {
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours), ("d", TimeSpan.FromDays),
        };
        foreach (var (suffix, make) in units)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                value = make(amount);
                return true;
            }
        }

        return TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out value);
    }

    private Condition? ConditionOf(Dictionary<string, YamlNode> fields, string name, string? step)
    {
        if (Scalar(fields, name, step) is not { } text)
        {
            return null;
        }

        try
        {
            return Condition.Parse(text.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal));
        }
        catch (FormatException e)
        {
            Error(fields[name], step, $"'{name}' is not a condition: {e.Message}");
            return null;
        }
    }

    private Template? TemplateOf(YamlNode node, string? step)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = scalar.Value ?? string.Empty;
                if (scalar.Style == ScalarStyle.Plain && !value.Contains("{{", StringComparison.Ordinal))
                {
                    if (value is "true" or "false")
                    {
                        return new Template.LiteralTemplate(JsonValue.Create(value == "true"));
                    }

                    if (value is "null" or "~" || value.Length == 0)
                    {
                        return new Template.LiteralTemplate(null);
                    }

                    if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                    {
                        return new Template.LiteralTemplate(JsonValue.Create(whole));
                    }

                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        return new Template.LiteralTemplate(JsonValue.Create(number));
                    }
                }

                try
                {
                    return Template.Text(value);
                }
                catch (FormatException e)
                {
                    Error(node, step, "Bad expression: " + e.Message);
                    return null;
                }

            case YamlSequenceNode sequence:
                return new Template.ListTemplate([.. sequence.Children.Select(c => TemplateOf(c, step)).OfType<Template>()]);
            case YamlMappingNode mapping:
                return new Template.MapTemplate([.. mapping.Children
                    .Select(c => (Key: ((YamlScalarNode)c.Key).Value ?? string.Empty, Value: TemplateOf(c.Value, step)))
                    .Where(c => c.Value is not null)
                    .Select(c => (c.Key, c.Value!))]);
            default:
                Error(node, step, "Unsupported YAML value (aliases are not supported).");
                return null;
        }
    }

    private SourcePosition Position(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    private void Error(YamlNode? node, string? step, string message) =>
        errors.Add(new DeclarativeWorkflowError(file, (int)(node?.Start.Line ?? 1), (int)(node?.Start.Column ?? 1), _workflow, step, message));
}
