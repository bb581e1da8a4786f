using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.Logging;

namespace Baton.Workflows;

/// <summary>
/// One run of a declarative workflow inside an orchestration: runs the steps in order, passes outputs by name, applies
/// each step's condition, timeout and retry policy, and on a failure runs the compensations of the completed steps in
/// reverse. Orchestration-side: every side effect is an activity, a timer or a sub-orchestration, so replay is exact.
/// </summary>
internal sealed class WorkflowRun
{
    private static readonly TaskOptions DefaultWebhookRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), 2.0));

    private readonly TaskOrchestrationContext _context;
    private readonly DeclarativeWorkflowCatalog _catalog;
    private readonly WorkflowDefinition _workflow;
    private readonly WorkflowProgress _progress;
    private readonly ILogger _logger;
    private readonly ValueScope _root = new();
    private readonly List<(StepDefinition Step, JsonNode? Output)> _compensable = [];
    private readonly List<string> _finished = [];

    public WorkflowRun(TaskOrchestrationContext context, DeclarativeWorkflowCatalog catalog, WorkflowDefinition workflow, JsonElement? input)
    {
        _context = context;
        _catalog = catalog;
        _workflow = workflow;
        _progress = new WorkflowProgress(context, workflow.Name);
        _logger = context.CreateReplaySafeLogger<WorkflowRun>();
        _root.Set("input", input is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } value ? JsonNode.Parse(value.GetRawText()) : new JsonObject());
        _root.Set("workflow", new JsonObject { ["name"] = workflow.Name, ["instanceId"] = context.InstanceId });
    }

    public async Task<DeclarativeWorkflowOutput> RunAsync()
    {
        try
        {
            await RunSequenceAsync(_workflow.Steps, _root);
        }
        catch (WorkflowStepFailedException failure) when (_compensable.Count > 0)
        {
            Log.StepFailed(_logger, _context.InstanceId, _workflow.Name, failure.Step, failure.Reason);
            _progress.Set("Compensating", $"{failure.Step} failed; undoing {_compensable.Count} step(s)");
            var (undone, notUndone) = await CompensateAsync();
            Log.Compensated(_logger, _context.InstanceId, _workflow.Name, failure.Step, string.Join(", ", undone), notUndone.Count == 0 ? "nothing" : string.Join("; ", notUndone));
            _progress.Set("Compensated", $"{failure.Step} failed; undone: {string.Join(", ", undone)}");
            throw new WorkflowCompensatedException(_workflow.Name, failure.Step, failure.Reason, undone, notUndone);
        }
        catch (WorkflowStepFailedException failure)
        {
            Log.StepFailed(_logger, _context.InstanceId, _workflow.Name, failure.Step, failure.Reason);
            _progress.Set("Failed", $"{failure.Step}: {failure.Reason}");
            throw;
        }

        var output = _workflow.Output?.Evaluate(_root) ?? AllOutputs();
        _progress.Set("Completed", $"{_finished.Count} step(s) finished");
        return new DeclarativeWorkflowOutput(_workflow.Name, JsonSerializer.SerializeToElement(output), _finished, _progress.Spend);
    }

    private JsonObject AllOutputs()
    {
        var all = new JsonObject();
        foreach (var name in _finished.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            all[name] = _root.Resolve(new ValuePath([name], name))?.DeepClone();
        }

        return all;
    }

    private async Task RunSequenceAsync(IReadOnlyList<StepDefinition> steps, ValueScope scope)
    {
        foreach (var step in steps)
        {
            await RunStepAsync(step, scope);
        }
    }

    private async Task<JsonNode?> RunStepAsync(StepDefinition step, ValueScope scope, bool compensable = true)
    {
        if (step.When is not null && !step.When.Evaluate(scope))
        {
            return null;
        }

        _progress.Set("Running", step.Name);
        var attempts = 0;
        var startedAt = _context.CurrentUtcDateTime;
        JsonNode? output;
        while (true)
        {
            attempts++;
            try
            {
                output = await WithTimeoutAsync(step, () => ExecuteAsync(step, scope));
                break;
            }
            catch (Exception e) when (e is not NonDeterministicOrchestrationException)
            {
                var details = e is TaskFailedException failed ? failed.FailureDetails : TaskFailureDetails.FromException(e);

                // A webhook retries inside its activity; retrying the step again would multiply the attempts.
                var policy = step.Kind == StepKind.Webhook ? null : step.Retry?.ToPolicy();
                if (policy is not null && policy.TryGetNextDelay(attempts, details, _context.CurrentUtcDateTime - startedAt, out var delay))
                {
                    await _context.CreateTimer(delay, CancellationToken.None);
                    continue;
                }

                if (e is WorkflowStepFailedException)
                {
                    throw;
                }

                throw new WorkflowStepFailedException(_workflow.Name, step.Name, details.ErrorMessage, e);
            }
        }

        scope.SetOutput(step.Name, output);
        _finished.Add(step.Name);
        if (compensable && step.Compensate is not null)
        {
            _compensable.Add((step, output?.DeepClone()));
        }

        return output;
    }

    private async Task<JsonNode?> WithTimeoutAsync(StepDefinition step, Func<Task<JsonNode?>> run)
    {
        if (step.Timeout is not { } timeout)
        {
            return await run();
        }

        using var timerCancellation = new CancellationTokenSource();
        var work = run();
        var timer = _context.CreateTimer(timeout, timerCancellation.Token);
        if (await Task.WhenAny(work, timer) == work)
        {
            timerCancellation.Cancel();
            return await work;
        }

        throw new TimeoutException($"it did not finish within its timeout of {timeout}.");
    }

    private Task<JsonNode?> ExecuteAsync(StepDefinition step, ValueScope scope) => step.Kind switch
    {
        StepKind.Agent => AgentAsync(step, scope),
        StepKind.Tool => ToolAsync(step, scope),
        StepKind.Activity => ActivityAsync(step, scope),
        StepKind.Parallel => ParallelAsync(step, scope),
        StepKind.Switch => SwitchAsync(step, scope),
        StepKind.Loop => LoopAsync(step, scope),
        StepKind.Approval => ApprovalAsync(step, scope),
        StepKind.Workflow => SubWorkflowAsync(step, scope),
        _ => WebhookAsync(step, scope),
    };

    private async Task<JsonNode?> AgentAsync(StepDefinition step, ValueScope scope)
    {
        var options = _progress.AgentOptions() with
        {
            MaxTurns = step.MaxTurns ?? 10,
            Approvers = Names(step.Approvers?.Evaluate(scope)),
            ApprovalPolicy = step.ApprovalTimeout is { } timeout ? new ApprovalPolicy(timeout, DefaultDecision: ApprovalTimeoutAction.Reject) : ApprovalPolicy.Default,

            // An agent of the file travels with each call: any host runs it, and the run keeps this version of it.
            Agent = _workflow.Agent(step.Agent!),
        };
        var run = await _context.RunAgentAsync(step.Agent!, step.Prompt!.EvaluateText(scope), options);
        return new JsonObject
        {
            ["agent"] = run.AgentName,
            ["text"] = run.Text,
            ["output"] = run.StructuredOutput is null ? null : JsonNode.Parse(run.StructuredOutput),
            ["toolCalls"] = new JsonArray([.. run.ToolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["tool"] = c.Request.ToolName,
                ["content"] = ParseOrText(c.Result.Content),
                ["isError"] = c.Result.IsError,
                ["approved"] = c.Approval?.Approved,
            })]),
        };
    }

    private async Task<JsonNode?> ToolAsync(StepDefinition step, ValueScope scope)
    {
        var arguments = step.Input?.Evaluate(scope) ?? new JsonObject();
        var id = _context.NewGuid().ToString("N");
        var call = new ToolCall(step.Target!, arguments.ToJsonString(), $"{step.Name}-{id}", $"{_context.InstanceId}:{step.Name}:{id}", _workflow.Name);
        var result = await _context.CallActivityAsync<ToolResult>(AgentActivityNames.InvokeTool, call);
        if (result.IsError)
        {
            throw new WorkflowStepFailedException(_workflow.Name, step.Name, $"tool '{step.Target}' answered with an error: {result.Content}");
        }

        return new JsonObject { ["content"] = ParseOrText(result.Content), ["isError"] = false };
    }

    private async Task<JsonNode?> ActivityAsync(StepDefinition step, ValueScope scope)
    {
        var result = await _context.CallActivityAsync<JsonElement?>(step.Target!, step.Input?.Evaluate(scope));
        return result is { ValueKind: not JsonValueKind.Undefined } value ? JsonNode.Parse(value.GetRawText()) : null;
    }

    private async Task<JsonNode?> ParallelAsync(StepDefinition step, ValueScope scope)
    {
        var branches = step.Branches;
        var outcomes = new (bool Done, JsonNode? Output, string? Error)[branches.Count];
        var limit = Math.Min(step.MaxConcurrency ?? branches.Count, branches.Count);
        var running = new List<Task>();
        var next = 0;
        while (next < branches.Count || running.Count > 0)
        {
            while (next < branches.Count && running.Count < limit)
            {
                running.Add(BranchAsync(next++));
            }

            running.Remove(await Task.WhenAny(running));
        }

        var required = step.MinSucceeded ?? branches.Count;
        var failed = Enumerable.Range(0, branches.Count).Where(i => !outcomes[i].Done).ToList();
        var succeeded = branches.Count - failed.Count;
        if (succeeded < required)
        {
            throw new WorkflowStepFailedException(
                _workflow.Name,
                step.Name,
                $"only {succeeded} of {branches.Count} branches succeeded; {required} were required. Failed: " +
                string.Join("; ", failed.Select(i => $"{branches[i].Name}: {outcomes[i].Error}")) + ".");
        }

        var results = new JsonArray();
        for (var i = 0; i < branches.Count; i++)
        {
            if (!outcomes[i].Done)
            {
                continue;
            }

            var branchScope = new ValueScope(scope);
            branchScope.Set("branch", new JsonObject { ["name"] = branches[i].Name, ["output"] = outcomes[i].Output?.DeepClone() });
            results.Add(step.Collect is null ? outcomes[i].Output?.DeepClone() : step.Collect.Evaluate(branchScope));
        }

        return new JsonObject
        {
            ["results"] = results,
            ["failed"] = new JsonArray([.. failed.Select(i => (JsonNode)new JsonObject { ["name"] = branches[i].Name, ["error"] = outcomes[i].Error })]),
            ["failedNames"] = new JsonArray([.. failed.Select(i => (JsonNode)JsonValue.Create(branches[i].Name))]),
            ["succeeded"] = succeeded,
        };

        async Task BranchAsync(int index)
        {
            try
            {
                outcomes[index] = (true, await RunStepAsync(branches[index], scope), null);
            }
            catch (WorkflowStepFailedException e)
            {
                outcomes[index] = (false, null, e.Reason);
            }
        }
    }

    private async Task<JsonNode?> SwitchAsync(StepDefinition step, ValueScope scope)
    {
        var value = ValueScope.Text(scope.Resolve(step.On!));
        var match = step.Cases.FirstOrDefault(c => string.Equals(c.Value, value, StringComparison.OrdinalIgnoreCase));
        var chosen = match.Steps is null ? (step.Default.Count > 0 ? "default" : null) : match.Value;
        await RunSequenceAsync(match.Steps ?? step.Default, scope);
        return new JsonObject { ["case"] = chosen, ["value"] = value };
    }

    private async Task<JsonNode?> LoopAsync(StepDefinition step, ValueScope scope)
    {
        var iterations = 0;
        var completed = false;
        while (iterations < step.MaxIterations && !completed)
        {
            iterations++;
            var iteration = new ValueScope(scope);
            iteration.Set("loop", new JsonObject { ["iteration"] = iterations });
            await RunSequenceAsync(step.Steps, iteration);
            completed = step.Until?.Evaluate(iteration) ?? false;
        }

        return new JsonObject { ["iterations"] = iterations, ["completed"] = completed };
    }

    private async Task<JsonNode?> ApprovalAsync(StepDefinition step, ValueScope scope)
    {
        var approvers = Names(step.Approvers!.Evaluate(scope));
        IReadOnlyList<string> escalation = step.EscalateTo is null ? [] : Names(step.EscalateTo.Evaluate(scope));
        var policy = new ApprovalPolicy(step.ApprovalTimeout!.Value, step.Reminder, step.MaxReminders, escalation, step.DefaultDecision);
        var title = step.Title!.EvaluateText(scope);
        var request = _context.NewApprovalRequest(title, approvers, policy) with
        {
            Kind = step.ApprovalKind,
            Details = step.Details?.EvaluateText(scope),
            AllowEdits = step.AllowEdits,
        };
        _progress.Set("AwaitingApproval", $"{step.Name}: waiting for {string.Join(", ", approvers)}", request.EventName);
        var decision = await _context.RequestApprovalAsync(request, policy);
        var node = ValueScope.ToNode(decision);
        if (node is JsonObject output)
        {
            // What the workflow goes on with: the approver's edit where there is one, else what was asked.
            output["text"] = decision.EditedText ?? request.Details;
        }

        return node;
    }

    private async Task<JsonNode?> SubWorkflowAsync(StepDefinition step, ValueScope scope)
    {
        var input = step.Input?.Evaluate(scope) ?? new JsonObject();
        if (_catalog.Contains(step.Target!))
        {
            // The child is pinned to the version current when it is first scheduled; its input is recorded then, so a
            // replay that computes another version here changes nothing.
            var output = await _context.CallSubOrchestratorAsync<DeclarativeWorkflowOutput>(
                WorkflowNames.Declarative, new DeclarativeWorkflowInput(step.Target!, JsonSerializer.SerializeToElement(input), _catalog.VersionOf(step.Target!)));
            return JsonNode.Parse(output.Output.GetRawText());
        }

        var result = await _context.CallSubOrchestratorAsync<JsonElement?>(step.Target!, input);
        return result is { ValueKind: not JsonValueKind.Undefined } value ? JsonNode.Parse(value.GetRawText()) : null;
    }

    private async Task<JsonNode?> WebhookAsync(StepDefinition step, ValueScope scope)
    {
        var headers = step.Headers.ToDictionary(h => h.Name, h => h.Value.EvaluateText(scope), StringComparer.OrdinalIgnoreCase);
        var body = step.Input?.Evaluate(scope);
        var request = new WebhookRequest(step.Url!.AbsoluteUri, step.Method, headers, body is null ? null : body is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : body.ToJsonString());
        var options = step.Retry is { } retry ? TaskOptions.FromRetryPolicy(retry.ToPolicy()) : DefaultWebhookRetry;
        var response = await _context.CallActivityAsync<WebhookResponse>(WorkflowNames.CallWebhookActivity, request, options);
        return new JsonObject { ["status"] = response.Status, ["body"] = ParseOrText(response.Body) };
    }

    private async Task<(IReadOnlyList<string> Undone, IReadOnlyList<string> NotUndone)> CompensateAsync()
    {
        var undone = new List<string>();
        var notUndone = new List<string>();
        for (var i = _compensable.Count - 1; i >= 0; i--)
        {
            var (step, output) = _compensable[i];
            var compensation = _workflow.Compensations[step.Compensate!];
            var scope = new ValueScope(_root);
            scope.Set("compensating", new JsonObject { ["step"] = step.Name, ["output"] = output });
            try
            {
                await RunStepAsync(compensation, scope, compensable: false);
                undone.Add(step.Name);
            }
            catch (WorkflowStepFailedException e)
            {
                notUndone.Add($"{step.Name}: {e.Reason}");
            }
        }

        return (undone, notUndone);
    }

    private static IReadOnlyList<string> Names(JsonNode? node) => node switch
    {
        null => [],
        JsonArray items => [.. items.Select(ValueScope.Text).Where(s => s.Length > 0)],
        _ => [.. ValueScope.Text(node).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
    };

    private static JsonNode? ParseOrText(string content)
    {
        var trimmed = content.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(content);
            }
            catch (JsonException)
            {
                // Not JSON after all: keep the text.
            }
        }

        return JsonValue.Create(content);
    }
}
