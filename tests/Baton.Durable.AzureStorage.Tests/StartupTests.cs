using System.Net;
using System.Net.Sockets;
using Baton.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Durable.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StartupTests(AzuriteFixture azurite) : StoreTestBase(azurite)
{
    [Theory]
    [InlineData("ab", "3 to 45")]
    [InlineData("1hub", "start with a letter")]
    [InlineData("my-hub", "only letters and digits")]
    [InlineData("", "empty")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij", "3 to 45")]
    public void InvalidHubName_IsRejectedAtStartup_NamingTheRule(string hubName, string rule)
    {
        var error = Assert.Throws<InvalidTaskHubNameException>(() => new AzureStorageOrchestrationStore(NewOptions(o => o.HubName = hubName)));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableStorage_AtStartup_GivesClearError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
                         $"BlobEndpoint=http://127.0.0.1:{port}/a;QueueEndpoint=http://127.0.0.1:{port}/a;TableEndpoint=http://127.0.0.1:{port}/a;";
        await using var store = new AzureStorageOrchestrationStore(NewOptions(o => o.ConnectionString = connection));

        var error = await Assert.ThrowsAsync<StorageUnreachableException>(() => store.CreateIfNotExistsAsync());

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Azurite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoConnection_GivesClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AzureStorageOrchestrationStore(NewOptions(o => o.ConnectionString = null)));

        Assert.Contains("UseDevelopmentStorage=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAzureStorageOrchestrationStore_BindsHostJsonNames_AndConnectionFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage"] = Azurite.ConnectionString,
            ["durableTask:hubName"] = HubName,
            ["durableTask:maxConcurrentActivityFunctions"] = "7",
            ["durableTask:storageProvider:partitionCount"] = "3",
            ["durableTask:storageProvider:connectionStringName"] = "Storage",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddAzureStorageOrchestrationStore(configuration.GetSection("durableTask"));
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<AzureStorageOrchestrationStore>(provider.GetRequiredService<IOrchestrationStore>());
        await store.CreateIfNotExistsAsync();
        await store.CreateInstanceAsync(NewInstance("di1"), Started("di1"));

        Assert.Equal(HubName, store.HubName);
        var queues = new Azure.Storage.Queues.QueueServiceClient(Azurite.ConnectionString);
        var names = new List<string>();
        await foreach (var queue in queues.GetQueuesAsync(prefix: HubName.ToLowerInvariant() + "-control-"))
        {
            names.Add(queue.Name);
        }

        Assert.Equal(3, names.Count);
        Assert.NotNull(await store.GetInstanceAsync("di1", false));
    }

    [Fact]
    public async Task RequestCounter_CountsByKind()
    {
        var store = await CreateStoreAsync();
        store.RequestCounter.Reset();

        await store.CreateInstanceAsync(NewInstance("rc1"), Started("rc1"));

        Assert.True(store.RequestCounter.Total >= 2);
        Assert.Equal(1, store.RequestCounter.ByKind.GetValueOrDefault("queue.put-message"));
        Assert.Equal(1, store.RequestCounter.ByKind.GetValueOrDefault("table.insert"));
    }
}
