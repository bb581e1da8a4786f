namespace Baton.Durable;

/// <summary>An activity with one entry point. Prefer <see cref="TaskActivity{TInput, TOutput}"/>.</summary>
public interface ITaskActivity
{
    /// <summary>The type the serialized input is converted to.</summary>
    Type InputType { get; }

    /// <summary>The type of the returned result.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity. It runs at least once per scheduled call; make side effects idempotent.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
