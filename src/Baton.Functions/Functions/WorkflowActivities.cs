using System.Text.Json;
using Baton.Agents;
using Baton.Workflows;
using Baton.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Baton.Functions.Functions;

/// <summary>
/// One activity function per registered activity; each runs Baton's activity class by name. The <c>instanceId</c>
/// parameter is bound by Durable Functions to the calling orchestration's id. A new activity needs a line here (a test checks it).
/// </summary>
public sealed class WorkflowActivities(RegisteredTaskRunner runner)
{
    [Function(AgentActivityNames.InvokeAgent)]
    public Task<JsonElement?> InvokeAgent([ActivityTrigger] JsonElement? input, string instanceId, FunctionContext context) =>
        runner.RunActivityAsync(AgentActivityNames.InvokeAgent, instanceId, input, context.CancellationToken);

    [Function(AgentActivityNames.InvokeTool)]
    public Task<JsonElement?> InvokeTool([ActivityTrigger] JsonElement? input, string instanceId, FunctionContext context) =>
        runner.RunActivityAsync(AgentActivityNames.InvokeTool, instanceId, input, context.CancellationToken);

    [Function(AgentActivityNames.NotifyApprovers)]
    public Task<JsonElement?> NotifyApprovers([ActivityTrigger] JsonElement? input, string instanceId, FunctionContext context) =>
        runner.RunActivityAsync(AgentActivityNames.NotifyApprovers, instanceId, input, context.CancellationToken);

    [Function(WorkflowNames.CallWebhookActivity)]
    public Task<JsonElement?> CallWebhook([ActivityTrigger] JsonElement? input, string instanceId, FunctionContext context) =>
        runner.RunActivityAsync(WorkflowNames.CallWebhookActivity, instanceId, input, context.CancellationToken);

    [Function(WorkflowNames.PublishReportActivity)]
    public Task<JsonElement?> PublishReport([ActivityTrigger] JsonElement? input, string instanceId, FunctionContext context) =>
        runner.RunActivityAsync(WorkflowNames.PublishReportActivity, instanceId, input, context.CancellationToken);
}
