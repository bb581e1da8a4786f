using Baton.Scheduling;
using Baton.Workflows;

namespace Baton.Host;

/// <summary>Starts scheduled runs through the <see cref="WorkflowCatalog"/>, exactly as HTTP starts are made.</summary>
internal sealed class CatalogStartResolver(WorkflowCatalog catalog) : IScheduledStartResolver
{
    public (string Orchestrator, object? Input) Resolve(string workflow, object? input)
    {
        if (!catalog.TryGet(workflow, out var descriptor))
        {
            return (workflow, input);
        }

        var start = descriptor.Start(input);
        return (start.Orchestrator, start.Input);
    }
}
