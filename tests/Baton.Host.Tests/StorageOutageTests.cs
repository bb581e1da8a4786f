using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Baton.Testing;

namespace Baton.Host.Tests;

/// <summary>The host on its own Azurite, which is then stopped: clear 503 answers instead of empty 500s.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task StorageDown_StartAndStatus_Are503ProblemDetailsWithRetryAfter_AndReadinessSaysStorageIsDown()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await using var host = await RunningHost.StartAsync(azurite);
            using (var ready = await host.Http.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            await azurite.DisposeAsync();

            using var start = await host.Http.PostAsync(
                "/api/workflows/research-report", new StringContent("{\"topic\":\"x\",\"approvers\":[\"a@example.com\"]}", Encoding.UTF8, "application/json"));
            using var status = await host.Http.GetAsync("/runtime/webhooks/durabletask/instances/some-id");
            using var notReady = await host.Http.GetAsync("/health/ready");
            using var live = await host.Http.GetAsync("/health");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
            Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(start.Headers.RetryAfter);
            Assert.Contains("Azure Storage", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", (await notReady.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
