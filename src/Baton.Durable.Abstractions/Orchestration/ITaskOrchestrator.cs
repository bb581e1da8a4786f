namespace Baton.Durable;

/// <summary>An orchestrator with one entry point. Prefer <see cref="TaskOrchestrator{TInput, TOutput}"/>.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the serialized input is converted to.</summary>
    Type InputType { get; }

    /// <summary>The type of the returned output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestration; see <see cref="TaskOrchestrationContext"/> for the determinism rules.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
