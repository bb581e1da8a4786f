using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Baton.Bench.Engines;

/// <summary>
/// Counts the HTTP requests that the Durable Task Framework's storage clients send (each retry counted), by kind, as
/// a policy in their pipelines: the same place and the same kinds as Baton's own counter. Thread-safe.
/// </summary>
internal sealed class DtfxRequestCounter
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyDictionary<string, long> ByKind => new Dictionary<string, long>(_byKind, StringComparer.Ordinal);

    /// <summary>A pipeline policy for the clients of one service ("blob", "queue" or "table").</summary>
    public HttpPipelinePolicy PolicyFor(string service) => new Policy(this, service);

    private void Record(string kind)
    {
        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(kind, 1, static (_, n) => n + 1);
    }

    private static string Classify(string service, Request request)
    {
        var method = request.Method.Method;
        var path = request.Uri.Path;
        var query = request.Uri.Query;
        return service switch
        {
            "queue" when path.Contains("/messages/", StringComparison.Ordinal) => method == "DELETE" ? "queue.delete-message" : "queue.update-message",
            "queue" when path.EndsWith("/messages", StringComparison.Ordinal) => method switch
            {
                "GET" when query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "queue.peek-messages",
                "GET" => "queue.get-messages",
                "POST" => "queue.put-message",
                _ => "queue." + method.ToLowerInvariant(),
            },
            "table" when path.EndsWith("$batch", StringComparison.Ordinal) => "table.batch",
            "table" => method switch
            {
                "GET" => "table.query",
                "POST" => "table.insert",
                "DELETE" => "table.delete",
                _ => "table.update",
            },
            "blob" when query.Contains("comp=lease", StringComparison.OrdinalIgnoreCase) => "blob.lease",
            "blob" when query.Contains("comp=list", StringComparison.OrdinalIgnoreCase) => "blob.list",
            _ => service + "." + method.ToLowerInvariant(),
        };
    }

    private sealed class Policy(DtfxRequestCounter counter, string service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => counter.Record(Classify(service, message.Request));
    }
}
