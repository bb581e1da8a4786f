using System.Collections.Concurrent;
using System.Diagnostics;
using Baton.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Durable.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class IdleCadenceTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    [Fact]
    public void PollingBackoff_AfterAQuietSpellAsLongAsTheIdleCeiling_WaitsUpToIt_AndANudgeEndsTheSpell()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var now = 1_000L;
        TimeSpan wait = default;
        for (var i = 0; i < 12; i++)
        {
            wait = backoff.Next(now);
            now += (long)wait.TotalMilliseconds;
        }

        Assert.InRange(wait, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(1100));

        now = 1_000L + 30_000;
        var waits = Enumerable.Range(0, 6).Select(_ => backoff.Next(now)).ToList();
        Assert.InRange(waits[^1], TimeSpan.FromSeconds(27), TimeSpan.FromSeconds(33));

        backoff.ResetTo(TimeSpan.FromMilliseconds(100));
        Assert.InRange(backoff.Next(now), TimeSpan.FromMilliseconds(90), TimeSpan.FromMilliseconds(110));
        var after = Enumerable.Range(0, 10).Select(_ => backoff.Next(now + 1_000)).ToList();
        Assert.InRange(after[^1], TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(1100));
    }

    [Fact]
    public async Task WakeUpSignals_ReachTheProcessListening_ForItsHubOnly()
    {
        var woken = new ConcurrentQueue<string>();
        await using var listener = new WakeUpSignals("HubA", "127.0.0.1", NullLogger.Instance, p => woken.Enqueue("c" + p), () => woken.Enqueue("w"), _ => Task.FromResult<IReadOnlyList<string>>([]));
        listener.Listen();
        Assert.NotNull(listener.Endpoint);

        await using var sender = new WakeUpSignals("HubA", "127.0.0.1", NullLogger.Instance, _ => { }, () => { }, _ => Task.FromResult<IReadOnlyList<string>>([listener.Endpoint!]));
        await using var otherHub = new WakeUpSignals("HubB", "127.0.0.1", NullLogger.Instance, _ => { }, () => { }, _ => Task.FromResult<IReadOnlyList<string>>([listener.Endpoint!]));
        otherHub.SignalPartition(1);
        sender.SignalPartition(3);
        sender.SignalWorkItems();

        await Eventually.UntilAsync(() => Task.FromResult(woken.Count), n => n >= 2, "both signals", Wait);
        Assert.Equal(["c3", "w"], woken.Order(StringComparer.Ordinal));

        listener.Dispatch("baton-wake/1 HubA cX");
        listener.Dispatch("hello");
        listener.Dispatch("baton-wake/1 HubB c1");
        Assert.Equal(2, woken.Count);
    }

    [Fact]
    public async Task AStartFromAClientProcess_WakesTheIdleOwner_LongBeforeItsNextPoll()
    {
        // The owner polls rarely: its quiet queues wait 20 s between polls once backed off.
        var owner = await CreateStoreAsync(o =>
        {
            o.MaxPollingInterval = TimeSpan.FromSeconds(20);
            o.IdlePollingInterval = TimeSpan.FromSeconds(20);
        });
        await OwnAllPartitionsAsync(owner);
        var client = await CreateStoreAsync();

        // Back-off waits double from 20 ms: after six quiet seconds the current wait ends three seconds later at the earliest.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var watch = Stopwatch.StartNew();
        await client.CreateInstanceAsync(NewInstance("woken"), Started("woken"));
        var item = await LockAsync(owner);
        watch.Stop();

        Assert.Equal("woken", item.InstanceId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"The owner took {watch.Elapsed.TotalMilliseconds:F0} ms to pick the start up: it was not woken.");
    }

    [Fact]
    public void Options_RejectAWakeUpAddressThatIsNoIpAddress()
    {
        var options = NewOptions(o => o.WakeUpAddress = "localhost");
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("WakeUpAddress", e.Message, StringComparison.Ordinal);
    }
}
