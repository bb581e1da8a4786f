namespace Baton.Workflows;

/// <summary>
/// A class of a workflow assembly that adds what the assembly's workflows need beyond their <c>[DurableTask]</c>
/// classes: agents, tools, MCP servers, services. <see cref="BatonBuilder.AddWorkflowsFrom"/> (and so a host given the
/// assembly in <c>Baton:Host:Assemblies</c>) creates each public one with its parameterless constructor and calls it.
/// </summary>
public interface IBatonModule
{
    /// <summary>Adds the module's registrations.</summary>
    void Configure(BatonBuilder baton);
}
