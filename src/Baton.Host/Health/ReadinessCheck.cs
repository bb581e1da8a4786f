using System.Text.Json.Nodes;
using Baton.Durable;
using Baton.Durable.AzureStorage;
using Baton.Http;
using Microsoft.Extensions.Logging;

namespace Baton.Host;

/// <summary>
/// <c>GET /health/ready</c>: 200 when the host can serve runs, 503 with <c>Retry-After</c> when it cannot, naming what
/// is down. Storage is asked for one row (a read that changes nothing); an in-memory store is always ready.
/// <c>/health</c> stays a liveness probe: a storage outage is no reason to restart the host, which resumes by itself.
/// </summary>
internal sealed class ReadinessCheck(DurableTaskClient client, HostSettings settings, ILogger<ReadinessCheck> logger)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<HttpReply> CheckAsync(CancellationToken cancellationToken)
    {
        if (settings.InMemory)
        {
            return Ready("in memory");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            _ = await client.GetInstanceAsync("baton-readiness-probe", getInputsAndOutputs: false, timeout.Token);
            return Ready("Azure Storage answers");
        }
        catch (Exception e) when (StorageOutage.IsOutage(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var detail = e is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:F0} s" : e.Message;
            Log.StorageDown(logger, "readiness check", detail);
            var body = new JsonObject
            {
                ["status"] = "Unhealthy",
                ["checks"] = new JsonObject { ["storage"] = new JsonObject { ["status"] = "Unhealthy", ["detail"] = "Azure Storage is down: " + detail } },
            };
            return HttpReply.FromJson(503, body).WithHeader("Retry-After", StorageOutageAnswers.RetryAfterSeconds);
        }
    }

    private static HttpReply Ready(string detail) => HttpReply.FromJson(200, new JsonObject
    {
        ["status"] = "Healthy",
        ["checks"] = new JsonObject { ["storage"] = new JsonObject { ["status"] = "Healthy", ["detail"] = detail } },
    });
}
