using System.Text.Json;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// One declarative workflow registered under its own name, so that it starts by name like a C# workflow, with its
/// input as is. Runs exactly as <see cref="DeclarativeWorkflowOrchestrator"/>.
/// </summary>
internal sealed class NamedDeclarativeWorkflowOrchestrator(string workflow, DeclarativeWorkflowCatalog catalog) : TaskOrchestrator<JsonElement?, DeclarativeWorkflowOutput>
{
    public override Task<DeclarativeWorkflowOutput> RunAsync(TaskOrchestrationContext context, JsonElement? input) =>
        DeclarativeWorkflowOrchestrator.Run(context, catalog, workflow, input);
}
