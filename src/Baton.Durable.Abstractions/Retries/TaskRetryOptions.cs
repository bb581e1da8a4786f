namespace Baton.Durable;

/// <summary>Either a declarative <see cref="RetryPolicy"/> or a custom retry handler.</summary>
public sealed class TaskRetryOptions
{
    /// <summary>Retries by a declarative policy.</summary>
    public TaskRetryOptions(RetryPolicy policy) => Policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>Retries while a custom handler says so.</summary>
    public TaskRetryOptions(AsyncRetryHandler handler) => Handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>The declarative policy, when this is one.</summary>
    public RetryPolicy? Policy { get; }

    /// <summary>The custom handler, when this is one.</summary>
    public AsyncRetryHandler? Handler { get; }

    /// <summary>Wraps a policy.</summary>
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    /// <summary>Wraps a synchronous handler.</summary>
    public static TaskRetryOptions FromRetryHandler(RetryHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new TaskRetryOptions(context => Task.FromResult(handler(context)));
    }
}
