using Baton.Http;
using Microsoft.AspNetCore.Http;

namespace Baton.Host;

/// <summary>Writes a <see cref="HttpReply"/> as the ASP.NET Core response: status, headers, content type and body.</summary>
internal sealed class HttpReplyResult(HttpReply reply) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = reply.StatusCode;
        foreach (var (name, value) in reply.Headers)
        {
            response.Headers.Append(name, value);
        }

        if (reply.Body is not null)
        {
            response.ContentType = reply.ContentType ?? "text/plain; charset=utf-8";
            var bytes = reply.BodyBytes();
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }
}
