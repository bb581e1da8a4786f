using System.Text.Json;
using Baton.Durable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Agents;

/// <summary>
/// The <see cref="AgentActivityNames.InvokeTool"/> activity: runs one tool call with its <see cref="ToolCallContext"/>.
/// Bad arguments, an unknown tool or a <see cref="ToolInputException"/> become an error result for the model;
/// any other exception fails the activity (and the orchestration's tool retry policy decides). When the call carries a
/// <see cref="ToolCall.CallKey"/>, its arguments, result or error, approval and duration are written to the
/// <see cref="IAgentCallLedger"/> before the activity returns or throws.
/// </summary>
[DurableTask(AgentActivityNames.InvokeTool)]
public sealed class InvokeToolActivity(
    ToolCatalog tools,
    IServiceProvider services,
    ILogger<InvokeToolActivity>? logger = null,
    IAgentCallLedger? calls = null,
    TimeProvider? time = null)
    : TaskActivity<ToolCall, ToolResult>
{
    private readonly ILogger _logger = logger ?? NullLogger<InvokeToolActivity>.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public override async Task<ToolResult> RunAsync(TaskActivityContext context, ToolCall input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var startedAt = _time.GetUtcNow().UtcDateTime;
        var started = _time.GetTimestamp();
        try
        {
            var result = await CallAsync(context, input) with { CallKey = input.CallKey };
            await RecordAsync(context, input, startedAt, started, result, null);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAsync(context, input, startedAt, started, null, e);
            throw;
        }
    }

    private async Task<ToolResult> CallAsync(TaskActivityContext context, ToolCall input)
    {
        if (await tools.FindAsync(input.ToolName, context.CancellationToken) is not { } tool)
        {
            return new ToolResult(input.CallId, input.ToolName, $"Tool '{input.ToolName}' does not exist. Available tools: {string.Join(", ", tools.Names)}.", IsError: true);
        }

        var arguments = new AIFunctionArguments(AgentMessageMapping.ParseArguments(input.ArgumentsJson))
        {
            Services = services,
            Context = new Dictionary<object, object?>
            {
                [ToolCallContext.ContextKey] = new ToolCallContext(context.InstanceId, input.AgentName, input.CallId, input.IdempotencyKey),
            },
        };

        using var span = AgentTelemetry.StartTool(input, context.InstanceId);
        try
        {
            var result = await tool.Function.InvokeAsync(arguments, context.CancellationToken);
            Log.ToolCalled(_logger, context.InstanceId, input.ToolName, input.CallId);
            return new ToolResult(input.CallId, input.ToolName, ToText(result));
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            AgentTelemetry.RecordError(span, e);
            Log.ToolRefused(_logger, context.InstanceId, input.ToolName, input.CallId, e.Message);
            return new ToolResult(input.CallId, input.ToolName, $"Tool '{input.ToolName}' could not use its arguments: {e.Message}", IsError: true);
        }
        catch (Exception e)
        {
            AgentTelemetry.RecordError(span, e);
            throw;
        }
    }

    private async Task RecordAsync(TaskActivityContext context, ToolCall input, DateTime startedAt, long started, ToolResult? result, Exception? error)
    {
        if (calls is null || input.CallKey is null)
        {
            return;
        }

        var record = new AgentCallRecord(context.InstanceId, input.CallKey, AgentCallKind.Tool, input.AgentName, startedAt)
        {
            ParentInstanceId = input.ParentInstanceId,
            CompletedAt = _time.GetUtcNow().UtcDateTime,
            DurationMilliseconds = (long)_time.GetElapsedTime(started).TotalMilliseconds,
            ToolName = input.ToolName,
            ToolCallId = input.CallId,
            ArgumentsJson = input.ArgumentsJson,
            Approval = input.Approval,
            Result = result?.Content,
            IsError = result?.IsError ?? false,
            Error = error?.Message,
            ErrorType = error?.GetType().FullName,
        };
        try
        {
            await calls.WriteAsync(record, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The record is for people; the tool's effect has happened and the run goes on with its result.
            Log.CallRecordFailed(_logger, e, record.InstanceId, record.CallKey);
        }
    }

    private static string ToText(object? result) => result switch
    {
        null => "null",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };
}
