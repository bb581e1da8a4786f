using Azure.Storage.Queues;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>Messages that reach an instance before its start: they wait for it, on the wall clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EarlyEventTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    [Fact]
    public async Task EventDeliveredBeforeItsInstancesStart_WaitsForTheStart_WithTheDurableClockStopped_AndTheRunSeesIt()
    {
        // A host that has just taken a partition delivers its own client's event in memory at once, while the start
        // written before it owned the partition still waits in the queue (here: held back by a receive, as a poll that
        // has not come yet would be). The event is handled first; it must wait for the start, and that wait is not
        // durable time: the clock below never moves.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var store = await CreateStoreAsync(time: time);
        var start = new OrchestrationMessage("early", new HistoryEvent(-1, HistoryEventType.ExecutionStarted, Now) { Name = "Waits", Input = "\"\"", ExecutionId = "e1" })
        {
            ExecutionId = "e1",
        };
        await store.CreateInstanceAsync(NewInstance("early", input: "\"\"", name: "Waits"), start);
        var queue = new QueueClient(Azurite.ConnectionString, HubName.ToLowerInvariant() + "-control-" + PartitionHash.Of("early", 2).ToString("D2"));
        Assert.NotNull((await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(2))).Value);

        await using var host = await DurableHost.StartAsync(
            r => r.AddOrchestratorFunc<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go")),
            services => services.AddSingleton<IOrchestrationStore>(store),
            time);
        await OwnAllPartitionsAsync(store);
        await host.Client.RaiseEventAsync("early", "go", "seen");

        var done = await Eventually.CompletionAsync(host.Client, "early", Wait);
        Assert.Equal("seen", done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }
}
