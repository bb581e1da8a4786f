using System.Text.Json;
using Baton.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Baton.Functions.Functions;

/// <summary>
/// One activity function per durable activity the app can see (<c>[DurableTask]</c> classes of the app and the
/// libraries it references), written by <c>Baton.Functions.Generators</c>. Each runs Baton's activity class by name;
/// the <c>instanceId</c> parameter is bound by Durable Functions to the calling orchestration's id.
/// </summary>
public sealed partial class WorkflowActivities(RegisteredTaskRunner runner)
{
    private Task<JsonElement?> RunAsync(string name, JsonElement? input, string instanceId, FunctionContext context) =>
        runner.RunActivityAsync(name, instanceId, input, context.CancellationToken);
}
