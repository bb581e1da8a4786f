using System.Text.Json;
using Baton.Functions.Adapter;
using Baton.Workflows;
using Baton.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Baton.Functions.Functions;

/// <summary>
/// One orchestrator function per catalog workflow. Each runs the same Baton orchestrator class the local engine runs,
/// through <see cref="FunctionsOrchestrationContext"/>. A new catalog workflow needs a line here (a test checks it).
/// </summary>
public sealed class WorkflowOrchestrators(RegisteredTaskRunner runner, ILoggerFactory loggerFactory)
{
    [Function(WorkflowNames.ResearchReport)]
    public Task<JsonElement?> ResearchReport([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context);

    [Function(WorkflowNames.ParallelReview)]
    public Task<JsonElement?> ParallelReview([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context);

    [Function(WorkflowNames.SupportTriage)]
    public Task<JsonElement?> SupportTriage([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context);

    [Function(WorkflowNames.DocumentSignoff)]
    public Task<JsonElement?> DocumentSignoff([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context);

    [Function(WorkflowNames.GroupChat)]
    public Task<JsonElement?> GroupChat([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context);

    [Function(WorkflowNames.WeeklyReport)]
    public Task<JsonElement?> WeeklyReport([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context);

    [Function(WorkflowNames.Hierarchical)]
    public Task<JsonElement?> Hierarchical([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context);

    [Function(WorkflowNames.Declarative)]
    public Task<JsonElement?> Declarative([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context);

    private Task<JsonElement?> RunAsync(TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(context.Name.Name, new FunctionsOrchestrationContext(context, runner, loggerFactory), context.GetInput<JsonElement?>());
}
