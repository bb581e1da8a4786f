namespace Baton.Agents;

/// <summary>Tools created from the service provider when the <see cref="ToolCatalog"/> is built.</summary>
/// <param name="Factory">Creates the tools.</param>
public sealed record ToolFactoryRegistration(Func<IServiceProvider, IEnumerable<AgentTool>> Factory);
