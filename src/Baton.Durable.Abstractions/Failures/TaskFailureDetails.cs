using System.Text.Json.Serialization;

namespace Baton.Durable;

/// <summary>
/// A failure as data: what crossed the durable boundary when an activity, a sub-orchestration or an
/// orchestration failed. It is recorded in history, so an orchestration can decide on it deterministically
/// during replay without the original exception object.
/// </summary>
/// <param name="ErrorType">The full name of the exception type that caused the failure.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, when one was available.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
/// <param name="RetryAfter">
/// A hint from the failing code for when a retry may succeed (an LLM provider's <c>Retry-After</c>, say).
/// <see cref="RetryPolicy"/> uses it as the next delay. Durable Functions has no equivalent.
/// </param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Properties that the failing code attached (a status code, a provider request id).</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    /// <summary>
    /// True when <see cref="ErrorType"/> names <typeparamref name="T"/> or a type derived from it.
    /// The type is looked up by name among the loaded assemblies; an unknown name matches nothing.
    /// </summary>
    public bool IsCausedBy<T>() where T : Exception => IsCausedBy(typeof(T));

    /// <summary>True when <see cref="ErrorType"/> names <paramref name="exceptionType"/> or a type derived from it.</summary>
    public bool IsCausedBy(Type exceptionType)
    {
        ArgumentNullException.ThrowIfNull(exceptionType);
        if (string.Equals(ErrorType, exceptionType.FullName, StringComparison.Ordinal))
        {
            return true;
        }

        var failureType = ExceptionTypeLookup.Find(ErrorType);
        return failureType is not null && exceptionType.IsAssignableFrom(failureType);
    }

    /// <summary>Captures an exception, its inner exceptions and any retry-after hint it carries.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException taskFailed && exception.InnerException is null)
        {
            return new TaskFailureDetails(
                exception.GetType().FullName!,
                exception.Message,
                exception.StackTrace,
                taskFailed.FailureDetails);
        }

        var hint = exception as IRetryAfterHint;
        return new TaskFailureDetails(
            exception.GetType().FullName!,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            hint?.RetryAfter)
        {
            Properties = hint?.FailureProperties,
        };
    }

    /// <summary>One line per failure in the chain: "Type: message".</summary>
    [JsonIgnore]
    public string Summary =>
        InnerFailure is null ? $"{ErrorType}: {ErrorMessage}" : $"{ErrorType}: {ErrorMessage} ---> {InnerFailure.Summary}";

    /// <inheritdoc />
    public override string ToString() => Summary;
}
