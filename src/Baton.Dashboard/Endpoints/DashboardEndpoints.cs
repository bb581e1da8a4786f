using Baton.Durable;
using Baton.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Baton.Dashboard;

/// <summary>The dashboard on ASP.NET Core: one route under the prefix that hands every request to <see cref="DashboardApi"/>.</summary>
internal static class DashboardEndpoints
{
    /// <summary>Largest POST body read (an inbox decision with an edited draft is the biggest).</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix);
        group.MapMethods("/{**path}", ["GET", "HEAD", "POST"], async (HttpContext context, DashboardApi dashboard, DurableTaskClient client, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var request = context.Request;
            var path = request.Path.Value ?? string.Empty;
            var relative = path.Length > prefix.Length ? path[prefix.Length..] : "/";
            var body = HttpMethods.IsPost(request.Method) ? await BodyAsync(request, ct) : null;
            if (body is { Length: > MaxBodyBytes })
            {
                return new ReplyResult(Problems.PayloadTooLarge(MaxBodyBytes, "dashboard request", "(fixed)"));
            }

            var dashboardRequest = new DashboardRequest(request.Method, relative, request.PathBase.Value?.TrimEnd('/') + prefix)
            {
                Query = request.Query.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)[.. q.Value.OfType<string>()], StringComparer.OrdinalIgnoreCase),
                ContentType = request.ContentType,
                Body = body,
                User = options.Value.ShowAppServiceUser ? DashboardUser.FromHeaders(name => request.Headers[name].FirstOrDefault()) : null,
            };
            return new ReplyResult(await dashboard.HandleAsync(dashboardRequest, client, ct));
        });
        return group;
    }

    private static async Task<string> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }

    /// <summary>Writes a <see cref="HttpReply"/> as it is.</summary>
    private sealed class ReplyResult(HttpReply reply) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = reply.StatusCode;
            foreach (var (name, value) in reply.Headers)
            {
                response.Headers.Append(name, value);
            }

            if (reply.Body is not null)
            {
                var bytes = reply.BodyBytes();
                response.ContentType = reply.ContentType ?? HttpReply.Html;
                response.ContentLength = bytes.Length;
                if (!HttpMethods.IsHead(httpContext.Request.Method))
                {
                    await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
                }
            }
        }
    }
}
