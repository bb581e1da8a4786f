using System.Net;
using Baton.Http;
using Microsoft.Azure.Functions.Worker.Http;

namespace Baton.Functions.Functions;

/// <summary>Writes Baton.Http's replies as Functions responses, so both hosts answer byte for byte alike.</summary>
internal static class HttpReplies
{
    public static async Task<HttpResponseData> WriteAsync(HttpRequestData request, HttpReply reply)
    {
        var response = request.CreateResponse((HttpStatusCode)reply.StatusCode);
        foreach (var header in reply.Headers)
        {
            response.Headers.Add(header.Key, header.Value);
        }

        if (reply.Body is not null)
        {
            response.Headers.Add("Content-Type", reply.ContentType ?? HttpReply.Json);
            await response.WriteStringAsync(reply.Body);
        }

        return response;
    }
}
