using System.ClientModel;
using System.Globalization;
using Polly.Timeout;

namespace Baton.Agents;

/// <summary>Classifies LLM call failures and reads the provider's retry-after hints and request ids.</summary>
internal static class TransientFailure
{
    private static readonly string[] RequestIdHeaders = ["x-request-id", "apim-request-id", "x-ms-request-id"];

    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException { Status: 0 } => true,
        ClientResultException result => result.Status is 408 or 409 or 429 or >= 500,
        HttpRequestException => true,
        TimeoutRejectedException => true,
        TimeoutException => true,
        _ => false,
    };

    public static int? StatusOf(Exception exception) =>
        exception is ClientResultException { Status: > 0 } result ? result.Status : null;

    public static string? RequestIdOf(Exception exception)
    {
        if (exception is not ClientResultException result || result.GetRawResponse() is not { } response)
        {
            return null;
        }

        foreach (var header in RequestIdHeaders)
        {
            if (response.Headers.TryGetValue(header, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The wait the provider asked for: retry-after-ms, then x-ms-retry-after-ms, then Retry-After (seconds or HTTP date).</summary>
    public static TimeSpan? RetryAfterOf(Exception exception, DateTimeOffset now)
    {
        if (exception is not ClientResultException result || result.GetRawResponse() is not { } response)
        {
            return null;
        }

        foreach (var header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(header, out var ms) &&
                double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (response.Headers.TryGetValue("Retry-After", out var retryAfter) && retryAfter is not null)
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }
}
