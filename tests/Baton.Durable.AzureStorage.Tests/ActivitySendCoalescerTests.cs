namespace Baton.Durable.AzureStorage.Tests;

public sealed class ActivitySendCoalescerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static OrchestrationMessage Request(int i) =>
        new($"i{i}", new HistoryEvent(0, HistoryEventType.TaskScheduled, DateTime.UnixEpoch) { Name = "Act", Input = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static (OrchestrationMessage, string) Encoded(int i) => (Request(i), MessageCodec.TryEncodeInline(Request(i))!);

    /// <summary>A put that records its batch and waits until the test lets it finish.</summary>
    private sealed class GatedPut
    {
        public List<IReadOnlyList<(OrchestrationMessage Message, string Json)>> Batches { get; } = [];

        public List<TaskCompletionSource> Gates { get; } = [];

        public SemaphoreSlim Started { get; } = new(0);

        public Task PutAsync(IReadOnlyList<(OrchestrationMessage Message, string Json)> batch, CancellationToken cancellationToken)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Batches)
            {
                Batches.Add(batch);
                Gates.Add(gate);
            }

            Started.Release();
            return gate.Task;
        }
    }

    private static Task Send(ActivitySendCoalescer coalescer, int i)
    {
        var (message, json) = Encoded(i);
        return coalescer.SendAsync(message, json, CancellationToken.None);
    }

    /// <summary>Sends request 0 and waits until its put is in flight (held by the gate).</summary>
    private static async Task<(ActivitySendCoalescer Coalescer, GatedPut Put, Task First)> PutInFlightAsync()
    {
        var put = new GatedPut();
        var coalescer = new ActivitySendCoalescer(put.PutAsync);
        var first = Send(coalescer, 0);
        Assert.True(await put.Started.WaitAsync(Deadline));
        return (coalescer, put, first);
    }

    [Fact]
    public async Task SendAsync_AloneOnAnIdleCoalescer_PutsAtOnceAlone()
    {
        var (_, put, first) = await PutInFlightAsync();

        Assert.False(first.IsCompleted);
        put.Gates[0].SetResult();
        await first.WaitAsync(Deadline);
        Assert.Equal("i0", Assert.Single(Assert.Single(put.Batches)).Message.InstanceId);
    }

    [Fact]
    public async Task SendAsync_WhileAPutIsInFlight_WaitsAndSharesTheNextPut()
    {
        var (coalescer, put, first) = await PutInFlightAsync();
        var later = Enumerable.Range(1, 5).Select(i => Send(coalescer, i)).ToList();

        put.Gates[0].SetResult();
        await first.WaitAsync(Deadline);
        Assert.True(await put.Started.WaitAsync(Deadline));

        Assert.All(later, t => Assert.False(t.IsCompleted));
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], put.Batches[1].Select(b => b.Message.InstanceId));
        put.Gates[1].SetResult();
        await Task.WhenAll(later).WaitAsync(Deadline);
        Assert.Equal(2, put.Batches.Count);
    }

    [Fact]
    public async Task SendAsync_ManyWaiting_BatchesHoldAtMostMaxRequests()
    {
        var (coalescer, put, first) = await PutInFlightAsync();
        var later = Enumerable.Range(1, ActivitySendCoalescer.MaxRequests + 3).Select(i => Send(coalescer, i)).ToList();

        put.Gates[0].SetResult();
        Assert.True(await put.Started.WaitAsync(Deadline));
        put.Gates[1].SetResult();
        Assert.True(await put.Started.WaitAsync(Deadline));
        put.Gates[2].SetResult();
        await Task.WhenAll(later.Append(first)).WaitAsync(Deadline);

        Assert.Equal([1, ActivitySendCoalescer.MaxRequests, 3], put.Batches.Select(b => b.Count));
    }

    [Fact]
    public async Task SendAsync_PutFails_EveryRequestOfTheBatchFailsAndTheNextSendPutsAgain()
    {
        var (coalescer, put, first) = await PutInFlightAsync();
        var later = Enumerable.Range(1, 2).Select(i => Send(coalescer, i)).ToList();

        put.Gates[0].SetResult();
        Assert.True(await put.Started.WaitAsync(Deadline));
        put.Gates[1].SetException(new InvalidOperationException("queue down"));

        foreach (var failed in later)
        {
            Assert.Equal("queue down", (await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(Deadline))).Message);
        }

        var again = Send(coalescer, 9);
        Assert.True(await put.Started.WaitAsync(Deadline));
        put.Gates[2].SetResult();
        await again.WaitAsync(Deadline);
        await first.WaitAsync(Deadline);
        Assert.Equal("i9", Assert.Single(put.Batches[2]).Message.InstanceId);
    }
}
