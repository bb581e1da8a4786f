using System.Text.Json;
using Baton.Functions.Adapter;
using Baton.Workflows.Hosting;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Baton.Functions.Functions;

/// <summary>
/// One orchestrator function per durable orchestrator the app can see (<c>[DurableTask]</c> classes of the app and the
/// libraries it references), written by <c>Baton.Functions.Generators</c>. Each runs the same Baton orchestrator class
/// the local engine runs, by its registered name, through <see cref="FunctionsOrchestrationContext"/>.
/// </summary>
public sealed partial class WorkflowOrchestrators(RegisteredTaskRunner runner, ILoggerFactory loggerFactory)
{
    private Task<JsonElement?> RunAsync(TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(context.Name.Name, new FunctionsOrchestrationContext(context, runner, loggerFactory), context.GetInput<JsonElement?>());
}
