using System.Globalization;
using Baton.Durable;

namespace Baton.Agents;

/// <summary>
/// An LLM call failed after the retries inside the activity. Carries the HTTP status, the provider's request id
/// (for a support ticket) and any retry-after hint; these travel with the activity failure as
/// <see cref="TaskFailureDetails.Properties"/> and <see cref="TaskFailureDetails.RetryAfter"/>, so the orchestration's
/// retry policy can wait as the provider asked.
/// </summary>
public sealed class ModelCallException : Exception, IRetryAfterHint
{
    /// <summary>The failure property holding the HTTP status code.</summary>
    public const string StatusCodeProperty = "statusCode";

    /// <summary>The failure property holding the provider's request id.</summary>
    public const string RequestIdProperty = "requestId";

    /// <summary>The failure property holding "true" for a transient failure.</summary>
    public const string TransientProperty = "transient";

    /// <summary>The failure property holding the model key.</summary>
    public const string ModelKeyProperty = "modelKey";

    /// <summary>Creates the exception.</summary>
    public ModelCallException(ModelEndpoint endpoint, int? statusCode, string? requestId, bool isTransient, TimeSpan? retryAfter, int attempts, Exception innerException)
        : base(BuildMessage(endpoint, statusCode, requestId, isTransient, retryAfter, attempts, innerException), innerException)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ModelKey = endpoint.Key;
        StatusCode = statusCode;
        RequestId = requestId;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>The model key that was called.</summary>
    public string ModelKey { get; }

    /// <summary>The HTTP status code, when the provider answered.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's request id (x-request-id, apim-request-id or x-ms-request-id), when it sent one.</summary>
    public string? RequestId { get; }

    /// <summary>True when a later attempt may succeed (429, 408, 5xx, timeouts, network errors).</summary>
    public bool IsTransient { get; }

    /// <inheritdoc />
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? FailureProperties
    {
        get
        {
            var properties = new Dictionary<string, string>
            {
                [TransientProperty] = IsTransient ? "true" : "false",
                [ModelKeyProperty] = ModelKey,
            };
            if (StatusCode is { } status)
            {
                properties[StatusCodeProperty] = status.ToString(CultureInfo.InvariantCulture);
            }

            if (RequestId is not null)
            {
                properties[RequestIdProperty] = RequestId;
            }

            return properties;
        }
    }

    /// <summary>
    /// For <see cref="RetryPolicy.HandleFailure"/>: true when an activity failure is a transient
    /// <see cref="ModelCallException"/>, so permanent errors (400, 401, 404) are not retried.
    /// </summary>
    public static bool IsTransientFailure(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return string.Equals(failure.ErrorType, typeof(ModelCallException).FullName, StringComparison.Ordinal)
            && failure.Properties is { } properties
            && properties.TryGetValue(TransientProperty, out var transient)
            && string.Equals(transient, "true", StringComparison.Ordinal);
    }

    private static string BuildMessage(ModelEndpoint endpoint, int? statusCode, string? requestId, bool isTransient, TimeSpan? retryAfter, int attempts, Exception inner)
    {
        var status = statusCode is { } code ? $"answered HTTP {code}" : $"failed ({inner.GetType().Name})";
        var id = requestId is null ? string.Empty : $" (request id {requestId})";
        var hint = retryAfter is { } wait ? $" The provider asked to retry after {wait.TotalSeconds:0.###} s." : string.Empty;
        var what = isTransient
            ? " This looks transient; the orchestration's retry policy may try again."
            : " This is not transient: check the request, the deployment name and the credentials.";
        return $"The call to {endpoint} {status}{id} after {attempts} attempt(s): {inner.Message}{hint}{what}";
    }
}
