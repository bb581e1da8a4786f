using Baton.Agents.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Agents.Tests.Models;

public sealed class DeploymentRateLimiterTests
{
    [Fact]
    public async Task AcquireAsync_RequestsPerMinuteSpent_WaitsForTheBucketToRefill()
    {
        var time = new FakeTimeProvider();
        var limiter = new DeploymentRateLimiter(requestsPerMinute: 3, tokensPerMinute: null, time);
        for (var i = 0; i < 3; i++)
        {
            await limiter.AcquireAsync(10);
        }

        var fourth = limiter.AcquireAsync(10);
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        await fourth.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(fourth.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_TokensPerMinuteSpent_QueuesCallersInOrder()
    {
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        var limiter = new DeploymentRateLimiter(requestsPerMinute: null, tokensPerMinute: 1000, time);
        await limiter.AcquireAsync(1000);
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 3).Select(async i =>
        {
            await limiter.AcquireAsync(500);
            lock (order)
            {
                order.Add(i);
            }
        }).ToList();

        // One refill of 500 tokens at a time, each waited out before the next: the order is the limiter's, not the
        // thread pool's (continuations of two waiters let go close together may run either way round).
        for (var sleeper = 1; sleeper <= 3; sleeper++)
        {
            var expected = sleeper;
            await Wait.UntilAsync(() => time.DueTimes.Count >= expected, $"waiter {expected} sleeps");
            time.Fake.Advance(TimeSpan.FromSeconds(30));
            await Wait.UntilAsync(() => { lock (order) { return order.Count >= expected; } }, $"waiter {expected} is let through");
        }

        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([1, 2, 3], order);
        Assert.Contains(TimeSpan.FromSeconds(30), time.DueTimes);
    }

    [Fact]
    public async Task Reconcile_FewerTokensThanEstimated_RefundsTheDifference()
    {
        var limiter = new DeploymentRateLimiter(null, 1000, new FakeTimeProvider());

        await limiter.AcquireAsync(800);
        limiter.Reconcile(800, 300);

        Assert.Equal(700, limiter.AvailableTokens, 3);
    }
}
