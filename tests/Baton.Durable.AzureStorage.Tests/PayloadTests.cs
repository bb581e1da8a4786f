using Azure.Storage.Blobs;
using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class PayloadTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    private static string Json(int chars) => "\"" + string.Concat(Enumerable.Range(0, chars / 10 + 1).Select(i => i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture) + ","))[..chars] + "\"";

    [Fact]
    public async Task LargePayloads_RoundTripThroughBlobs_Transparently()
    {
        var store = await CreateStoreAsync();
        var input = Json(200_000);
        var result = Json(120_000);
        var output = Json(300_000);
        await store.CreateInstanceAsync(NewInstance("a1", input), Started("a1", input));

        var item = await LockAsync(store);
        Assert.Equal(input, Assert.Single(item.Messages).Event.Input);
        Assert.Equal(input, item.Instance?.Input);

        var activity = new OrchestrationMessage("a1", new HistoryEvent(0, HistoryEventType.TaskScheduled, Now) { Name = "Act", Input = result });
        var done = new HistoryEvent(-1, HistoryEventType.TaskCompleted, Now) { TaskScheduledId = 0, Result = result };
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, extra: [done], activities: [activity], output: output));

        var history = await store.GetHistoryAsync("a1");
        Assert.Equal(input, history.Single(e => e.EventType == HistoryEventType.ExecutionStarted).Input);
        Assert.Equal(result, history.Single(e => e.EventType == HistoryEventType.TaskCompleted).Result);
        var row = await store.GetInstanceAsync("a1", includePayloads: true);
        Assert.Equal(output, row?.Output);
        Assert.Equal(input, row?.Input);
        Assert.Equal(result, (await LockActivityAsync(store)).Message.Event.Input);

        var container = new BlobContainerClient(Azurite.ConnectionString, HubName.ToLowerInvariant() + "-payloads");
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "a1/", CancellationToken.None))
        {
            blobs.Add(blob.Name);
        }

        Assert.NotEmpty(blobs);
        Assert.All(blobs, b => Assert.EndsWith(".json.gz", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizePayload_FailsTheStepClearly_AndWritesNothing()
    {
        var store = await CreateStoreAsync(o => o.MaxPayloadBytes = 1024 * 1024);
        await store.CreateInstanceAsync(NewInstance("b1"), Started("b1"));
        var item = await LockAsync(store);
        var huge = Json(1_500_000);

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => store.CompleteOrchestrationWorkItemAsync(item, Step(item, OrchestrationRuntimeStatus.Completed, output: huge)));

        Assert.Contains("'b1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("output", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxPayloadBytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.GetHistoryAsync("b1"));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await store.GetInstanceAsync("b1", false))?.RuntimeStatus);

        // The step can still be committed, as a failure, with the same work item.
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item, OrchestrationRuntimeStatus.Failed));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await store.GetInstanceAsync("b1", false))?.RuntimeStatus);
    }

    [Fact]
    public async Task OversizeInput_OnCreate_Throws_AndCreatesNothing()
    {
        var store = await CreateStoreAsync(o => o.MaxPayloadBytes = 1024 * 1024);
        var huge = Json(1_500_000);

        await Assert.ThrowsAsync<PayloadTooLargeException>(() => store.CreateInstanceAsync(NewInstance("c1", huge), Started("c1", huge)));

        Assert.Null(await store.GetInstanceAsync("c1", false));
    }
}
