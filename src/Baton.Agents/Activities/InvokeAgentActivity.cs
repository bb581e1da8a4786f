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
/// failures are retried inside; what still fails throws <see cref="ModelCallException"/>.
/// </summary>
[DurableTask(AgentActivityNames.InvokeAgent)]
public sealed class InvokeAgentActivity(
    AgentCatalog agents,
    ToolCatalog tools,
    IChatClientProvider models,
    PriceTable prices,
    TimeProvider time,
    ILogger<InvokeAgentActivity>? logger = null) : TaskActivity<AgentCall, AgentReply>
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
        if (input.OfferTools && agent.Tools.Count > 0)
        {
            options.Tools = [.. agent.Tools.Select(name => (AITool)tools.Get(name).Function)];
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
        var started = time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages, options, context.CancellationToken);
        }
        catch (Exception e)
        {
            AgentTelemetry.RecordError(span, e);
            Log.ModelCallFailed(_logger, e, context.InstanceId, agent.Name, input.Turn);
            throw;
        }

        var latency = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var reply = ToReply(agent, input, endpoint, messages, response, latency) with { TrimmedMessages = trimmed };
        AgentTelemetry.RecordReply(span, reply);
        Log.ModelCalled(_logger, context.InstanceId, agent.Name, input.Turn, reply.Model, reply.Usage.InputTokens, reply.Usage.OutputTokens, latency);
        return reply;
    }

    private AgentReply ToReply(AgentDefinition agent, AgentCall input, ModelEndpoint endpoint, List<ChatMessage> sent, ChatResponse response, long latency)
    {
        var calls = new List<ToolCallRequest>();
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            var known = tools.TryGet(call.Name, out var tool);
            var callId = string.IsNullOrEmpty(call.CallId) ? $"call_{input.Turn}_{calls.Count + 1}" : call.CallId;
            calls.Add(new ToolCallRequest(callId, call.Name, AgentMessageMapping.SerializeArguments(call.Arguments))
            {
                IsKnown = known,
                RequiresApproval = tool?.RequiresApproval ?? false,
                SideEffecting = tool?.SideEffecting ?? false,
            });
        }

        var text = response.Text ?? string.Empty;
        var inputTokens = response.Usage?.InputTokenCount ?? TokenCounter.CountMessages(sent);
        var outputTokens = response.Usage?.OutputTokenCount ?? TokenCounter.Count(text);
        var model = response.ModelId ?? endpoint.ModelName;
        var usage = new AgentUsage(inputTokens, outputTokens, prices.Estimate(agent.Model, model, inputTokens, outputTokens));
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
