using Azure.Core;
using Azure.Core.Pipeline;

namespace Baton.Durable.AzureStorage;

/// <summary>An HTTP pipeline policy that records each request (retries included) in a <see cref="StorageRequestCounter"/>.</summary>
internal sealed class RequestCountingPolicy(StorageRequestCounter counter, string service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Record(Classify(service, message.Request));

    internal static string Classify(string service, Request request)
    {
        var method = request.Method.Method;
        var path = request.Uri.Path;
        var query = request.Uri.Query;
        return service switch
        {
            "queue" when path.Contains("/messages/", StringComparison.Ordinal) => method switch
            {
                "DELETE" => "queue.delete-message",
                "PUT" => "queue.update-message",
                _ => "queue." + method.ToLowerInvariant(),
            },
            "queue" when path.EndsWith("/messages", StringComparison.Ordinal) => method switch
            {
                "GET" when query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "queue.peek-messages",
                "GET" => "queue.get-messages",
                "POST" => "queue.put-message",
                "DELETE" => "queue.clear-messages",
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
}
