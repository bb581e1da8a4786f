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
        group.MapMethods("/{**path}", ["GET", "HEAD", "POST"], (HttpContext context, DashboardApi dashboard, DurableTaskClient client, IOptions<DashboardOptions> options, CancellationToken ct) =>
            ServeAsync(context, prefix, prefix, dataPrefix: null, dashboard, client, options.Value, ct));
        return group;
    }

    /// <summary>
    /// Pages addressed under <paramref name="prefix"/> and served from <paramref name="dataPrefix"/>: an address request
    /// with a key gets its page, one without gets the shell (a POST without one, a 401). Returns the data group.
    /// </summary>
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix, string dataPrefix, Func<HttpContext, bool> presentsKey)
    {
        endpoints.MapGroup(prefix).MapMethods("/{**path}", ["GET", "HEAD", "POST"], async (HttpContext context, DashboardApi dashboard, DurableTaskClient client, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            if (presentsKey(context))
            {
                return await ServeAsync(context, prefix, prefix, dataPrefix, dashboard, client, options.Value, ct);
            }

            var root = context.Request.PathBase.Value?.TrimEnd('/');
            if (HttpMethods.IsPost(context.Request.Method))
            {
                return new ReplyResult(Problems.Unauthorized($"Dashboard actions need a key: send them to {root + dataPrefix}/ with the x-functions-key header."));
            }

            return new ReplyResult(dashboard.Shell(new DashboardRequest(context.Request.Method, Relative(context.Request, prefix), root + prefix) { DataRoot = root + dataPrefix }));
        });
        var data = endpoints.MapGroup(dataPrefix);
        data.MapMethods("/{**path}", ["GET", "HEAD", "POST"], (HttpContext context, DashboardApi dashboard, DurableTaskClient client, IOptions<DashboardOptions> options, CancellationToken ct) =>
            ServeAsync(context, dataPrefix, prefix, dataPrefix, dashboard, client, options.Value, ct));
        return data;
    }

    private static string Relative(HttpRequest request, string routePrefix)
    {
        var path = request.Path.Value ?? string.Empty;
        return path.Length > routePrefix.Length ? path[routePrefix.Length..] : "/";
    }

    /// <summary>Answers a page, fragment or action: <paramref name="routePrefix"/> is where it came in, <paramref name="addressPrefix"/> what links use.</summary>
    private static async Task<IResult> ServeAsync(
        HttpContext context, string routePrefix, string addressPrefix, string? dataPrefix, DashboardApi dashboard, DurableTaskClient client, DashboardOptions options, CancellationToken ct)
    {
        var request = context.Request;
        var body = HttpMethods.IsPost(request.Method) ? await BodyAsync(request, ct) : null;
        if (body is { Length: > MaxBodyBytes })
        {
            return new ReplyResult(Problems.PayloadTooLarge(MaxBodyBytes, "dashboard request", "(fixed)"));
        }

        var root = request.PathBase.Value?.TrimEnd('/');
        var dashboardRequest = new DashboardRequest(request.Method, Relative(request, routePrefix), root + addressPrefix)
        {
            Query = request.Query.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)[.. q.Value.OfType<string>()], StringComparer.OrdinalIgnoreCase),
            ContentType = request.ContentType,
            Body = body,
            User = options.ShowAppServiceUser ? DashboardUser.FromHeaders(name => request.Headers[name].FirstOrDefault()) : null,
            DataRoot = dataPrefix is null ? null : root + dataPrefix,
        };
        return new ReplyResult(await dashboard.HandleAsync(dashboardRequest, client, ct));
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
