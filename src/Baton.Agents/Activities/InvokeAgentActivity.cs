using System.Text.Json;
using Baton.Durable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Agents;

/// <summary>
/// The <see cref="AgentActivityNames.InvokeAgent"/> activity: one LLM call for one agent. It prepends the agent's
/// instructions, trims the conversation to <see cref="AgentCall.MaxInputTokens"/>, offers the agent's tools and
/// output schema, and returns the reply with usage, cost, model, finish reason and latency. Transient provider
/// failures are retried inside; what still fails throws <see cref="ModelCallException"/>. When the call carries a
/// <see cref="AgentCall.CallKey"/>, what was sent and answered (instructions, messages, model, reply, usage, cost,
/// duration, or the error) is written to the <see cref="IAgentCallLedger"/> before the activity returns or throws.
/// </summary>
[DurableTask(AgentActivityNames.InvokeAgent)]
public sealed class InvokeAgentActivity(
    AgentCatalog agents,
    ToolCatalog tools,
    IChatClientProvider models,
    PriceTable prices,
    TimeProvider time,
    ILogger<InvokeAgentActivity>? logger = null,
    IAgentCallLedger? calls = null) : TaskActivity<AgentCall, AgentReply>
{
    private readonly ILogger _logger = logger ?? NullLogger<InvokeAgentActivity>.Instance;

    /// <summary>The JSON schema the model is asked to follow for <paramref name="outputType"/>; see <see cref="StructuredOutputValidator.SchemaFor"/>.</summary>
    public static JsonElement SchemaFor(Type outputType) => StructuredOutputValidator.SchemaFor(outputType);

    /// <inheritdoc />
    public override async Task<AgentReply> RunAsync(TaskActivityContext context, AgentCall input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var agent = input.Definition ?? agents.Get(input.AgentName);
        var endpoint = models.GetEndpoint(agent.Model);
        var client = models.GetChatClient(agent.Model);

        var (kept, trimmed) = ConversationTrimmer.Trim(input.Messages, TokenCounter.Count(agent.Instructions) + 3, input.MaxInputTokens);
        var messages = new List<ChatMessage>(kept.Count + 1) { new(ChatRole.System, agent.Instructions) };
        messages.AddRange(kept.Select(AgentMessageMapping.ToChatMessage));

        var options = new ChatOptions
        {
            Temperature = agent.Options.Temperature,
            MaxOutputTokens = agent.Options.MaxOutputTokens,
        };
        IReadOnlyList<AgentTool> offered = [];
        if (input.OfferTools && agent.Tools.Count > 0)
        {
            offered = await tools.ResolveAsync(agent.Tools, context.CancellationToken);
            options.Tools = [.. offered.Select(tool => (AITool)tool.Function)];
        }

        if (agent.OutputType is { } outputType)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(SchemaFor(outputType), outputType.Name, $"The answer of agent {agent.Name}.");
        }
        else if (agent.OutputSchema is { } schema)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, StructuredOutputValidator.SchemaName(agent.Name), $"The answer of agent {agent.Name}.");
        }

        using var span = AgentTelemetry.StartChat(endpoint, agent, context.InstanceId, input.Turn);
        var startedAt = time.GetUtcNow().UtcDateTime;
        var started = time.GetTimestamp();
        var record = input.CallKey is { } callKey
            ? new AgentCallRecord(context.InstanceId, callKey, AgentCallKind.Model, agent.Name, startedAt)
            {
                ParentInstanceId = input.ParentInstanceId,
                Turn = input.Turn,
                Instructions = agent.Instructions,
                ModelKey = agent.Model,
                Provider = endpoint.Provider,
                Deployment = endpoint.ModelName,
                Messages = kept,
                TrimmedMessages = trimmed,
            }
            : null;
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages, options, context.CancellationToken);
        }
        catch (Exception e)
        {
            AgentTelemetry.RecordError(span, e);
            Log.ModelCallFailed(_logger, e, context.InstanceId, agent.Name, input.Turn);
            if (record is not null && e is not OperationCanceledException)
            {
                var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
                await RecordAsync(record with
                {
                    CompletedAt = time.GetUtcNow().UtcDateTime,
                    DurationMilliseconds = elapsed,
                    Error = e.Message,
                    ErrorType = e.GetType().FullName,
                });
            }

            throw;
        }

        var latency = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var reply = ToReply(agent, input, endpoint, messages, response, latency, offered, out var priceSource) with
        {
            TrimmedMessages = trimmed,
            AgentName = agent.Name,
            CallKey = input.CallKey,
        };
        AgentTelemetry.RecordReply(span, reply);
        Log.ModelCalled(_logger, context.InstanceId, agent.Name, input.Turn, reply.Model, reply.Usage.InputTokens, reply.Usage.OutputTokens, latency);
        if (record is not null)
        {
            await RecordAsync(record with
            {
                CompletedAt = time.GetUtcNow().UtcDateTime,
                DurationMilliseconds = latency,
                Model = reply.Model,
                ToolCalls = reply.ToolCalls,
                Reply = reply.Text,
                StructuredOutput = reply.StructuredOutput,
                StructuredOutputError = reply.StructuredOutputError,
                FinishReason = reply.FinishReason,
                Usage = reply.Usage,
                PriceSource = priceSource,
            });
        }

        return reply;
    }

    private async Task RecordAsync(AgentCallRecord record)
    {
        if (calls is null)
        {
            return;
        }

        try
        {
            // Not cancellable: the call happened (and cost money) whether or not the host is stopping.
            await calls.WriteAsync(record, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The record is what people see of the call, not what the run needs: failing here would make the
            // orchestration call the model again and pay twice. The storage client has already retried.
            Log.CallRecordFailed(_logger, e, record.InstanceId, record.CallKey);
        }
    }

    private AgentReply ToReply(AgentDefinition agent, AgentCall input, ModelEndpoint endpoint, List<ChatMessage> sent, ChatResponse response, long latency, IReadOnlyList<AgentTool> offered, out string? priceSource)
    {
        var calls = new List<ToolCallRequest>();
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            var tool = offered.FirstOrDefault(t => string.Equals(t.Name, call.Name, StringComparison.OrdinalIgnoreCase));
            var known = tool is not null || tools.TryGet(call.Name, out tool);
            var callId = string.IsNullOrEmpty(call.CallId) ? $"call_{input.Turn}_{calls.Count + 1}" : call.CallId;
            calls.Add(new ToolCallRequest(callId, call.Name, AgentMessageMapping.SerializeArguments(call.Arguments))
            {
                IsKnown = known,
                RequiresApproval = tool?.RequiresApproval ?? false,
                SideEffecting = tool?.SideEffecting ?? false,
                Approvers = tool?.Approvers ?? [],
            });
        }

        var text = response.Text ?? string.Empty;
        var inputTokens = response.Usage?.InputTokenCount ?? TokenCounter.CountMessages(sent);
        var outputTokens = response.Usage?.OutputTokenCount ?? TokenCounter.Count(text);
        var model = response.ModelId ?? endpoint.ModelName;
        var cost = 0m;
        priceSource = null;
        if (endpoint.Provider == ModelProvider.Offline && endpoint.ModelName == OfflineChatClient.OfflineModelId)
        {
            priceSource = PriceTable.OfflineSource;
        }
        else if (prices.TryFind(agent.Model, model, out var price, out var source)
                 || prices.TryFind(agent.Model, endpoint.ModelName, out price, out source))
        {
            cost = price.CostOf(inputTokens, outputTokens);
            priceSource = source;
        }

        var usage = new AgentUsage(inputTokens, outputTokens, cost);
        var finish = response.FinishReason?.Value ?? (calls.Count > 0 ? "tool_calls" : "stop");

        string? structured = null;
        string? error = null;
        if (agent.OutputType is { } outputType && calls.Count == 0)
        {
            StructuredOutputValidator.TryValidate(text, outputType, out structured, out error);
        }
        else if (agent.OutputSchema is { } schema && calls.Count == 0)
        {
            StructuredOutputValidator.TryValidate(text, schema, StructuredOutputValidator.SchemaName(agent.Name), out structured, out error);
        }

        return new AgentReply(text, calls, usage, model, finish, latency)
        {
            StructuredOutput = structured,
            StructuredOutputError = error,
            ModelKey = agent.Model,
        };
    }
}
