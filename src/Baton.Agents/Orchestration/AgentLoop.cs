using System.Globalization;
using Baton.Durable;
using Microsoft.Extensions.Logging;

namespace Baton.Agents;

/// <summary>One run of the agent loop inside an orchestration; see <see cref="AgentOrchestrationExtensions"/>.</summary>
internal sealed class AgentLoop(TaskOrchestrationContext context, string agentName, AgentRunOptions options)
{
    private readonly List<AgentMessage> _conversation = [];
    private readonly List<ToolCallRecord> _toolCalls = [];
    private readonly RunSpend _spend = options.Spend ?? new RunSpend();
    private readonly ILogger _logger = context.CreateReplaySafeLogger("Baton.Agents.AgentLoop");
    private AgentUsage _usage = AgentUsage.Zero;
    private int _calls;

    public async Task<AgentRunResult> RunAsync(string input)
    {
        if (options.MaxTurns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxTurns, "AgentRunOptions.MaxTurns must be at least 1.");
        }

        if (options.Agent is { } agent && !string.Equals(agent.Name, agentName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"AgentRunOptions.Agent is the definition of '{agent.Name}', but the run is for agent '{agentName}'. Pass the definition of the agent that runs.", nameof(options));
        }

        _conversation.AddRange(options.History ?? []);
        _conversation.Add(AgentMessage.User(input));

        for (var turn = 1; turn <= options.MaxTurns; turn++)
        {
            var reply = await CallModelAsync(turn, offerTools: true);
            if (reply.ToolCalls.Count == 0)
            {
                return await FinishAsync(turn, reply);
            }

            _conversation.Add(AgentMessage.AssistantToolCalls(reply.Text, reply.ToolCalls));
            PublishStatus(turn, "tools");
            var records = await RunToolCallsAsync(turn, reply.ToolCalls);
            foreach (var record in records)
            {
                _toolCalls.Add(record);
                _conversation.Add(AgentMessage.ToolResult(record.Request.CallId, record.Request.ToolName, record.Result.Content));
            }
        }

        throw new MaxTurnsExceededException(agentName, options.MaxTurns);
    }

    private async Task<AgentRunResult> FinishAsync(int turn, AgentReply reply)
    {
        if (reply.StructuredOutputError is { } error)
        {
            // One repair attempt: show the model its answer and what is wrong with it.
            _conversation.Add(AgentMessage.Assistant(reply.Text));
            _conversation.Add(AgentMessage.User(
                $"Your answer is not valid for the required JSON schema: {error} Reply again with only the corrected JSON value, no prose."));
            reply = await CallModelAsync(turn, offerTools: false);
            if (reply.StructuredOutputError is { } again)
            {
                throw new StructuredOutputException(agentName, again, reply.Text);
            }
        }

        _conversation.Add(AgentMessage.Assistant(reply.Text));
        PublishStatus(turn, "done");
        Log.AgentRunCompleted(_logger, context.InstanceId, agentName, _calls, _usage.InputTokens, _usage.OutputTokens);
        return new AgentRunResult(agentName, reply.Text, _usage, _calls, [.. _toolCalls], [.. _conversation])
        {
            StructuredOutput = reply.StructuredOutput,
            Model = reply.Model,
            FinishReason = reply.FinishReason,
        };
    }

    private async Task<AgentReply> CallModelAsync(int turn, bool offerTools)
    {
        await EnsureBudgetAsync(turn);
        PublishStatus(turn, "model");
        var call = new AgentCall(agentName, [.. _conversation], turn)
        {
            MaxInputTokens = options.MaxInputTokensPerCall,
            OfferTools = offerTools,
            Definition = options.Agent,
            CallKey = AgentCallKeys.Next(context),
            ParentInstanceId = context.ParentInstanceId,
        };
        var reply = await context.CallActivityAsync<AgentReply>(AgentActivityNames.InvokeAgent, call, options.AgentRetry);
        _calls++;
        _usage += reply.Usage;
        _spend.Add(agentName, reply.Usage);
        Log.AgentTurnCompleted(_logger, context.InstanceId, agentName, turn, reply.ToolCalls.Count, reply.Usage.InputTokens, reply.Usage.OutputTokens);
        return reply;
    }

    private async Task<ToolCallRecord[]> RunToolCallsAsync(int turn, IReadOnlyList<ToolCallRequest> requests)
    {
        // Ids and approval requests are made here, in request order, before anything is awaited, so that the
        // sequence of NewGuid calls is the same on every replay whatever order the calls finish in.
        var pipelines = new List<Task<ToolCallRecord>>(requests.Count);
        foreach (var request in requests)
        {
            var idempotencyKey = context.InstanceId + ":" + context.NewGuid().ToString("N");
            var approval = request.RequiresApproval && request.IsKnown ? NewToolApproval(request) : null;
            pipelines.Add(RunToolCallAsync(turn, request, idempotencyKey, AgentCallKeys.Next(context), approval));
        }

        return await Task.WhenAll(pipelines);
    }

    private async Task<ToolCallRecord> RunToolCallAsync(int turn, ToolCallRequest request, string idempotencyKey, string callKey, ApprovalRequest? approval)
    {
        if (!request.IsKnown)
        {
            var unknown = new ToolResult(request.CallId, request.ToolName, $"Tool '{request.ToolName}' does not exist. Use only the tools offered.", IsError: true);
            return new ToolCallRecord(turn, request, unknown);
        }

        ApprovalDecision? decision = null;
        if (approval is not null)
        {
            PublishStatus(turn, "approval");
            decision = await context.RequestApprovalAsync(approval, options.ApprovalPolicy);
            if (!decision.Approved)
            {
                var comment = string.IsNullOrWhiteSpace(decision.Comment) ? string.Empty : $" Comment: {decision.Comment}";
                var rejected = new ToolResult(
                    request.CallId,
                    request.ToolName,
                    $"The call to '{request.ToolName}' was rejected by {decision.Approver} and did not run.{comment} Do not repeat it unchanged.",
                    IsError: true)
                {
                    Rejected = true,
                };
                return new ToolCallRecord(turn, request, rejected) { Approval = decision };
            }
        }

        var result = await context.CallActivityAsync<ToolResult>(
            AgentActivityNames.InvokeTool,
            new ToolCall(request.ToolName, request.ArgumentsJson, request.CallId, idempotencyKey, agentName)
            {
                CallKey = callKey,
                ParentInstanceId = context.ParentInstanceId,
                Approval = decision,
            },
            options.ToolRetry);
        return new ToolCallRecord(turn, request, result) { Approval = decision };
    }

    private ApprovalRequest NewToolApproval(ToolCallRequest request)
    {
        var approval = context.NewApprovalRequest(
            $"Agent '{agentName}' wants to call '{request.ToolName}'",
            request.Approvers.Count > 0 ? request.Approvers : options.Approvers,
            options.ApprovalPolicy);
        return approval with
        {
            Kind = "tool-call",
            AgentName = agentName,
            ToolName = request.ToolName,
            ArgumentsJson = request.ArgumentsJson,
            Details = $"Tool: {request.ToolName}\nArguments: {request.ArgumentsJson}",
        };
    }

    private async Task EnsureBudgetAsync(int turn)
    {
        if (options.Budget is not { } budget)
        {
            return;
        }

        while (Exceeds(budget, out var why))
        {
            if (budget.OnExceeded == BudgetExceededAction.Fail)
            {
                throw new BudgetExceededException(
                    $"Run '{context.InstanceId}' stopped before agent '{agentName}' turn {turn}: {why} " +
                    "Raise RunBudget.MaxTokens/MaxCost, or set RunBudget.OnExceeded to RequestApproval.");
            }

            var extraTokens = budget.ExtraTokensPerApproval ?? budget.MaxTokens ?? 0;
            var extraCost = budget.ExtraCostPerApproval ?? budget.MaxCost ?? 0m;
            var request = context.NewApprovalRequest($"Run '{context.InstanceId}' needs more budget", options.Approvers, options.ApprovalPolicy) with
            {
                Kind = "budget",
                AgentName = agentName,
                Details = $"{why} Approve {extraTokens.ToString(CultureInfo.InvariantCulture)} more tokens" +
                          (budget.MaxCost is null ? "." : $" and {extraCost.ToString(CultureInfo.InvariantCulture)} more cost."),
            };
            PublishStatus(turn, "budget-approval");
            var decision = await context.RequestApprovalAsync(request, options.ApprovalPolicy);
            if (!decision.Approved)
            {
                throw new BudgetExceededException(
                    $"Run '{context.InstanceId}' stopped before agent '{agentName}' turn {turn}: {why} " +
                    $"More budget was not approved ({decision.Approver}{(decision.Comment is null ? string.Empty : ": " + decision.Comment)}).");
            }

            _spend.ApprovedExtraTokens += extraTokens;
            _spend.ApprovedExtraCost += extraCost;
        }
    }

    private bool Exceeds(RunBudget budget, out string why)
    {
        // The next call is expected to be about as large as the last one, so stop before it rather than after.
        if (budget.MaxTokens is { } maxTokens)
        {
            var limit = maxTokens + _spend.ApprovedExtraTokens;
            var projected = _spend.TotalTokens + _spend.LastCallTokens;
            if (_spend.TotalTokens >= limit || projected > limit)
            {
                why = string.Create(CultureInfo.InvariantCulture, $"the run has used {_spend.TotalTokens} tokens of its {limit}-token budget and the next call would take it to about {projected}.");
                return true;
            }
        }

        if (budget.MaxCost is { } maxCost)
        {
            var limit = maxCost + _spend.ApprovedExtraCost;
            var projected = _spend.EstimatedCost + _spend.LastCallCost;
            if (_spend.EstimatedCost >= limit || projected > limit)
            {
                why = string.Create(CultureInfo.InvariantCulture, $"the run has spent an estimated {_spend.EstimatedCost:0.####} of its {limit:0.####} budget and the next call would take it to about {projected:0.####}.");
                return true;
            }
        }

        why = string.Empty;
        return false;
    }

    private void PublishStatus(int turn, string step)
    {
        var status = new AgentRunStatus(agentName, turn, step, _spend);
        var value = options.CustomStatus is null ? status : options.CustomStatus(status);
        if (value is not null)
        {
            context.SetCustomStatus(value);
        }
    }
}
