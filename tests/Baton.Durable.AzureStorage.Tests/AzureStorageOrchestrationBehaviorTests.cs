using Baton.Durable.Tests.Behavior;
using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>The engine's behaviour suite, unchanged, on the Azure Storage store against Azurite, each test on its own task hub.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageOrchestrationBehaviorTests(AzuriteFixture azurite) : OrchestrationBehaviorTests
{
    private readonly List<AzureStorageOrchestrationStore> _stores = [];

    protected override bool UsesFakeTime => true;

    protected override async Task<IOrchestrationStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        var store = new AzureStorageOrchestrationStore(
            new AzureStorageOrchestrationStoreOptions
            {
                ConnectionString = azurite.ConnectionString,
                HubName = AzuriteFixture.NewHubName("B"),
                PartitionCount = 2,
                MaxPollingInterval = TimeSpan.FromMilliseconds(200),
                LeaseAcquireInterval = TimeSpan.FromMilliseconds(200),
            },
            Logs.Factory,
            timeProvider);
        _stores.Add(store);
        await store.CreateIfNotExistsAsync();
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
