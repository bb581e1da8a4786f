namespace Baton.Agents;

/// <summary>
/// Requests-per-minute and tokens-per-minute limits of one deployment, as two token buckets that refill continuously.
/// Callers wait asynchronously, in arrival order, on the given <see cref="TimeProvider"/>, so a fan-out queues instead
/// of stampeding into 429s. Thread-safe; one instance per deployment per process (see <see cref="RateLimiterRegistry"/>).
/// </summary>
public sealed class DeploymentRateLimiter
{
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _requestCapacity;
    private readonly double _tokenCapacity;
    private double _requests;
    private double _tokens;
    private long _lastRefill;

    /// <summary>Creates a limiter; a null limit is unlimited.</summary>
    public DeploymentRateLimiter(int? requestsPerMinute, int? tokensPerMinute, TimeProvider? timeProvider = null)
    {
        if (requestsPerMinute is <= 0 || tokensPerMinute is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerMinute), "Rate limits must be positive (or null for none).");
        }

        _time = timeProvider ?? TimeProvider.System;
        _requestCapacity = requestsPerMinute ?? double.PositiveInfinity;
        _tokenCapacity = tokensPerMinute ?? double.PositiveInfinity;
        _requests = _requestCapacity;
        _tokens = _tokenCapacity;
        _lastRefill = _time.GetTimestamp();
    }

    /// <summary>Requests that could start now without waiting.</summary>
    public double AvailableRequests
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _requests;
            }
        }
    }

    /// <summary>Tokens that could be used now without waiting.</summary>
    public double AvailableTokens
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>
    /// Waits until one request and <paramref name="tokens"/> tokens are available and takes them. A request larger than
    /// the per-minute token limit waits for a full bucket rather than forever.
    /// </summary>
    public async Task AcquireAsync(long tokens, CancellationToken cancellationToken = default)
    {
        var wanted = Math.Min(Math.Max(tokens, 0), _tokenCapacity);
        await _queue.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    Refill();
                    if (_requests >= 1 && _tokens >= wanted)
                    {
                        _requests -= 1;
                        _tokens -= wanted;
                        return;
                    }

                    var requestWait = _requests >= 1 ? 0 : (1 - _requests) / _requestCapacity * 60;
                    var tokenWait = _tokens >= wanted ? 0 : (wanted - _tokens) / _tokenCapacity * 60;
                    wait = TimeSpan.FromSeconds(Math.Max(requestWait, tokenWait));
                    if (wait < TimeSpan.FromMilliseconds(1))
                    {
                        wait = TimeSpan.FromMilliseconds(1);
                    }
                }

                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    /// <summary>Corrects the token bucket once a call's real usage is known (a refund or a debt).</summary>
    public void Reconcile(long estimatedTokens, long actualTokens)
    {
        if (double.IsPositiveInfinity(_tokenCapacity))
        {
            return;
        }

        lock (_lock)
        {
            Refill();
            _tokens = Math.Min(_tokenCapacity, _tokens + Math.Min(estimatedTokens, (long)_tokenCapacity) - actualTokens);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var minutes = _time.GetElapsedTime(_lastRefill, now).TotalMinutes;
        _lastRefill = now;
        if (minutes <= 0)
        {
            return;
        }

        _requests = Math.Min(_requestCapacity, _requests + (minutes * _requestCapacity));
        _tokens = Math.Min(_tokenCapacity, _tokens + (minutes * _tokenCapacity));
    }
}
