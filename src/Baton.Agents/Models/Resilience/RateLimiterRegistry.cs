using System.Collections.Concurrent;

namespace Baton.Agents;

/// <summary>
/// The rate limiters of a process, one per deployment (<see cref="ModelEndpoint.LimiterKey"/>), shared by every LLM
/// activity the process runs. Registered as a singleton. Thread-safe.
/// </summary>
public sealed class RateLimiterRegistry(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, DeploymentRateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>The limiter for <paramref name="endpoint"/>, created with <paramref name="options"/>' limits on first use; null when it has none.</summary>
    public DeploymentRateLimiter? For(ModelEndpoint endpoint, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RequestsPerMinute is null && options.TokensPerMinute is null)
        {
            return null;
        }

        return _limiters.GetOrAdd(endpoint.LimiterKey, _ => new DeploymentRateLimiter(options.RequestsPerMinute, options.TokensPerMinute, timeProvider));
    }
}
