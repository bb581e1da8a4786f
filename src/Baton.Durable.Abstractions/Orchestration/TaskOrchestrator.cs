namespace Baton.Durable;

/// <summary>
/// Base class for an orchestrator with typed input and output, like durabletask-dotnet's
/// <c>TaskOrchestrator&lt;TInput, TOutput&gt;</c>. Instances are created per execution from the service provider,
/// so constructor dependencies must be deterministic (options, catalogs), never clients that do I/O.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    /// <summary>Runs the orchestration; see <see cref="TaskOrchestrationContext"/> for the determinism rules.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
