using Baton.Agents;

namespace Baton.Workflows;

/// <summary>What declarative workflows are checked against when they load: agents, tools, C# workflows, webhook allow-list.</summary>
internal sealed record WorkflowEnvironment(
    AgentCatalog Agents,
    ToolCatalog Tools,
    IReadOnlyCollection<string> Workflows,
    DeclarativeWorkflowOptions Options);
