namespace Baton.Durable.Tests.Retries;

public sealed class RetryPolicyTests
{
    private static readonly TaskFailureDetails Failure = new("System.TimeoutException", "slow");

    [Fact]
    public void TryGetNextDelay_Backoff_GrowsByCoefficientAndStopsAtMaxInterval()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(5));

        var delays = Enumerable.Range(1, 5).Select(attempt =>
        {
            Assert.True(policy.TryGetNextDelay(attempt, Failure, TimeSpan.Zero, out var delay));
            return delay.TotalSeconds;
        });

        Assert.Equal([1, 2, 4, 5, 5], delays);
        Assert.False(policy.TryGetNextDelay(6, Failure, TimeSpan.Zero, out _));
    }

    [Fact]
    public void TryGetNextDelay_RetryAfterHint_ReplacesComputedDelayUnlessDisabled()
    {
        var throttled = Failure with { RetryAfter = TimeSpan.FromSeconds(42) };

        Assert.True(new RetryPolicy(3, TimeSpan.FromSeconds(1)).TryGetNextDelay(1, throttled, TimeSpan.Zero, out var honoured));
        Assert.True(new RetryPolicy(3, TimeSpan.FromSeconds(1)) { HonorRetryAfter = false }.TryGetNextDelay(1, throttled, TimeSpan.Zero, out var ignored));

        Assert.Equal(TimeSpan.FromSeconds(42), honoured);
        Assert.Equal(TimeSpan.FromSeconds(1), ignored);
    }

    [Fact]
    public void TryGetNextDelay_PastRetryTimeoutOrUnhandledFailure_DoesNotRetry()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), retryTimeout: TimeSpan.FromMinutes(1))
        {
            HandleFailure = f => f.IsCausedBy<TimeoutException>(),
        };

        Assert.False(policy.TryGetNextDelay(1, Failure, TimeSpan.FromMinutes(2), out _));
        Assert.False(policy.TryGetNextDelay(1, new TaskFailureDetails(typeof(ArgumentException).FullName!, "bad"), TimeSpan.Zero, out _));
        Assert.True(policy.TryGetNextDelay(1, Failure, TimeSpan.FromSeconds(30), out _));
    }

    [Theory]
    [InlineData(0, 1, 1.0)]
    [InlineData(3, 0, 1.0)]
    [InlineData(3, 1, 0.5)]
    public void Constructor_InvalidValues_ThrowNamingTheParameter(int attempts, int firstSeconds, double coefficient)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RetryPolicy(attempts, TimeSpan.FromSeconds(firstSeconds), coefficient));

        Assert.NotNull(error.ParamName);
    }

    [Fact]
    public void FromException_NestedExceptionsAndHint_AreCapturedAsData()
    {
        var details = TaskFailureDetails.FromException(new InvalidOperationException("outer", new HintedException()));

        Assert.Equal(typeof(InvalidOperationException).FullName, details.ErrorType);
        Assert.Equal("inner", details.InnerFailure!.ErrorMessage);
        Assert.Equal(TimeSpan.FromSeconds(3), details.InnerFailure.RetryAfter);
        Assert.Equal("429", details.InnerFailure.Properties!["status"]);
        Assert.True(details.IsCausedBy<Exception>());
        Assert.False(details.IsCausedBy<ArgumentException>());
    }

    private sealed class HintedException() : Exception("inner"), IRetryAfterHint
    {
        public TimeSpan? RetryAfter => TimeSpan.FromSeconds(3);

        public IReadOnlyDictionary<string, string>? FailureProperties => new Dictionary<string, string> { ["status"] = "429" };
    }
}
