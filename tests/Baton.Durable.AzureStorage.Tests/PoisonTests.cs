using Azure.Storage.Queues;
using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class PoisonTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    [Fact]
    public async Task UnreadableMessage_IsMovedToPoisonQueue_AndOthersStillFlow()
    {
        var store = await CreateStoreAsync(o => o.PartitionCount = 1);
        var control = new QueueClient(Azurite.ConnectionString, HubName.ToLowerInvariant() + "-control-00");
        await control.SendMessageAsync("this is not a message");
        await control.SendMessageAsync("{\"payloadBlob\":\"missing/blob.json.gz\",\"instanceId\":\"x\"}");
        await store.SendMessageAsync(Raised("a1"));

        var item = await LockAsync(store);

        Assert.Equal("a1", item.InstanceId);
        var poison = new QueueClient(Azurite.ConnectionString, HubName.ToLowerInvariant() + "-poison");
        var deadline = DateTime.UtcNow + Wait;
        string[] poisoned = [];
        while (poisoned.Length < 2 && DateTime.UtcNow < deadline)
        {
            poisoned = (await poison.PeekMessagesAsync(32)).Value.Select(m => m.MessageText).ToArray();
        }

        Assert.Contains("this is not a message", poisoned);
        Assert.Equal(2, poisoned.Length);
        await store.CompleteOrchestrationWorkItemAsync(item, Step(item));
        Assert.Empty((await control.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task MessageHandedOutTooOften_ShowsItsDequeueCount_ToTheEngine()
    {
        var store = await CreateStoreAsync(o => o.MaxDequeueCount = 5);
        await store.SendMessageAsync(Raised("b1"));

        OrchestrationWorkItem item;
        do
        {
            item = await LockAsync(store);
            if (item.Messages[0].DequeueCount <= 5)
            {
                await store.AbandonOrchestrationWorkItemAsync(item);
            }
        }
        while (item.Messages[0].DequeueCount <= 5);

        Assert.Equal(6, item.Messages[0].DequeueCount);
    }
}
