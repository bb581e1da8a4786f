using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Baton.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Host.Tests;

/// <summary>The Azurite the host starts keeps what was written when the host stops and starts again on the same data.</summary>
public sealed class AzuriteProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("baton-azurite-").FullName;

    [Fact]
    public async Task Stop_RightAfterAWrite_KeepsIt_ForTheNextStartOnTheSameData()
    {
        var ports = FreePorts(3);
        var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};"
            + $"TableEndpoint=http://127.0.0.1:{ports[2]}/{AzuriteFixture.AccountName};";
        var root = AzuriteFixture.FindRepositoryRoot();

        var first = new AzuriteProcess(root, NullLogger<AzuriteProcess>.Instance, ports, _data);
        await first.StartAsync(CancellationToken.None);
        var table = new TableClient(connection, "Kept");
        await table.CreateIfNotExistsAsync();
        // Stopped at once: Azurite saves its metadata every few seconds, so only a clean shutdown keeps this row.
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = "written just before the stop" });
        await first.StopAsync(CancellationToken.None);
        first.Dispose();

        var second = new AzuriteProcess(root, NullLogger<AzuriteProcess>.Instance, ports, _data);
        await second.StartAsync(CancellationToken.None);
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>("p", "r");
            Assert.True(row.HasValue, "The row written just before the stop was lost: Azurite was not shut down cleanly.");
            Assert.Equal("written just before the stop", row.Value!.GetString("Value"));
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
            second.Dispose();
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
