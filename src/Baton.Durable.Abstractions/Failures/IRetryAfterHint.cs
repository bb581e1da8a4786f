namespace Baton.Durable;

/// <summary>
/// Implemented by exceptions that know when a retry may succeed, such as a throttled LLM call that
/// answered 429 with <c>Retry-After</c>. The hint travels in <see cref="TaskFailureDetails.RetryAfter"/>
/// and sets the next delay of a <see cref="RetryPolicy"/>.
/// </summary>
public interface IRetryAfterHint
{
    /// <summary>How long to wait before the next attempt, or null when the failure gives no hint.</summary>
    TimeSpan? RetryAfter { get; }

    /// <summary>Facts worth keeping with the failure (status code, provider request id); null for none.</summary>
    IReadOnlyDictionary<string, string>? FailureProperties => null;
}
