using Baton.Dashboard;
using Baton.Functions.Adapter;
using Baton.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Baton.Functions.Functions;

/// <summary>
/// The dashboard on Azure Functions: the same pages as the local host (runs, a run's timeline, the approvals inbox read
/// from the approvals ledger, spend), answered by Baton.Dashboard's <see cref="DashboardApi"/> over Durable's client
/// through Baton's client seam. Two HTTP functions, because the Functions host checks keys before any code runs and a
/// browser sends no header on a reload, a bookmark or a new tab:
/// <list type="bullet">
/// <item><c>DashboardShell</c> at <c>/api/dashboard/{*path}</c>, anonymous: every page's address, answered with the same
/// small page without data (<see cref="DashboardApi.Shell"/>), whose script loads the page from the data route with the
/// key and swaps it in, or asks for the key.</item>
/// <item><c>Dashboard</c> at <c>/api/dashboard-data/{*path}</c>, protected by a function key: the pages, fragments and
/// actions. The script sends the key as <c>x-functions-key</c> (from <c>?code=KEY</c> on first open, or the sign-in
/// form; kept for the tab or the device), so no link or address carries it, and links keep the <c>/api/dashboard</c>
/// form.</item>
/// </list>
/// Run actions (terminate, suspend, resume, purge, restart, rewind) and bulk purge go through the data route and its key,
/// not through the Durable webhooks (which need the extension's system key). With App Service authentication on
/// (<c>WEBSITE_AUTH_ENABLED</c>), the platform signs people in before either function and the pages show who is signed in.
/// </summary>
public sealed class DashboardFunction(DashboardApi dashboard, RegisteredTaskRunner runner, IOptions<DashboardOptions> options)
{
    /// <summary>The route of the pages' addresses (the shell) under the app's <c>/api</c>: what links, history and bookmarks hold.</summary>
    public const string AddressRoute = "dashboard";

    /// <summary>The key-protected route under the app's <c>/api</c> the pages, fragments and actions are fetched from.</summary>
    public const string DataRoute = "dashboard-data";

    /// <summary>The pages, fragments and actions, behind the function key.</summary>
    [Function("Dashboard")]
    public async Task<HttpResponseData> Serve(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = DataRoute + "/{*path}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var (prefix, path) = Split(request.Url, DataRoute);
        var post = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        var dashboardRequest = new DashboardRequest(request.Method, path, prefix + "/" + AddressRoute)
        {
            DataRoot = prefix + "/" + DataRoute,
            Query = DashboardRequest.ParseQuery(request.Url.Query),
            ContentType = Header(request, "Content-Type"),
            Body = post ? await new StreamReader(request.Body).ReadToEndAsync(context.CancellationToken) : null,
            User = options.Value.ShowAppServiceUser ? DashboardUser.FromHeaders(name => Header(request, name)) : null,
        };
        var reply = await dashboard.HandleAsync(dashboardRequest, new FunctionsDurableTaskClient(client, runner), context.CancellationToken);
        return await HttpReplies.WriteAsync(request, reply);
    }

    /// <summary>Every page's address, without a key: the shell, which holds no data and loads the page from <see cref="DataRoute"/>.</summary>
    [Function("DashboardShell")]
    public async Task<HttpResponseData> Shell(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AddressRoute + "/{*path}")] HttpRequestData request)
    {
        var (prefix, path) = Split(request.Url, AddressRoute);
        var reply = dashboard.Shell(new DashboardRequest(request.Method, path, prefix + "/" + AddressRoute) { DataRoot = prefix + "/" + DataRoute });
        return await HttpReplies.WriteAsync(request, reply);
    }

    // "/api/dashboard-data/runs/x" and "dashboard-data" give ("/api", "/runs/x"): the app's route prefix (host.json's
    // routePrefix, /api unless changed) and the path under the route, still URL-encoded.
    private static (string Prefix, string Path) Split(Uri url, string route)
    {
        var absolute = url.AbsolutePath;
        var marker = "/" + route;
        var at = absolute.IndexOf(marker + "/", StringComparison.OrdinalIgnoreCase);
        if (at < 0 && absolute.EndsWith(marker, StringComparison.OrdinalIgnoreCase))
        {
            at = absolute.Length - marker.Length;
        }

        if (at < 0)
        {
            return ("/api", "/");
        }

        var path = absolute[(at + marker.Length)..];
        return (absolute[..at], path.Length == 0 ? "/" : path);
    }

    private static string? Header(HttpRequestData request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
