namespace Baton.Workflows;

/// <summary>
/// What starting a catalog workflow schedules: the orchestrator that runs it and that orchestrator's input. A C# workflow
/// is its own orchestrator; a declarative workflow runs on <see cref="WorkflowNames.Declarative"/> with its name in the
/// input, so that it starts the same way on every engine, including Durable Functions, where an orchestrator exists
/// only as a function. Every host starts runs through <see cref="WorkflowDescriptor.Start"/>.
/// </summary>
/// <param name="Orchestrator">The orchestrator name to schedule.</param>
/// <param name="Input">The orchestrator's input.</param>
public sealed record WorkflowStart(string Orchestrator, object? Input);
