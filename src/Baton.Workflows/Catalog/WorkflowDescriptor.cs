namespace Baton.Workflows;

/// <summary>One entry of the <see cref="WorkflowCatalog"/>: what a workflow is called, takes, returns and does.</summary>
/// <param name="Name">The orchestrator name a run is started with.</param>
/// <param name="InputType">The type the input must deserialize to.</param>
/// <param name="OutputType">The type of the output of a completed run.</param>
/// <param name="Description">A sentence for people: dashboards, start pages, listings.</param>
public sealed record WorkflowDescriptor(string Name, Type InputType, Type OutputType, string Description);
