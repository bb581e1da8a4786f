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
/// through Baton's client seam. One HTTP function under <c>/api/dashboard</c>, protected by a function key: open
/// <c>/api/dashboard?code=KEY</c> once; the page keeps the key for the tab and sends it as <c>x-functions-key</c>, so no
/// link or address carries it. Run actions (terminate, suspend, resume, purge, restart, rewind) and bulk purge go
/// through the same function and key, not through the Durable webhooks (which need the extension's system key). With
/// App Service authentication on (<c>WEBSITE_AUTH_ENABLED</c>), the pages show who is signed in.
/// </summary>
public sealed class DashboardFunction(DashboardApi dashboard, RegisteredTaskRunner runner, IOptions<DashboardOptions> options)
{
    /// <summary>The route prefix under the app's <c>/api</c>.</summary>
    public const string Route = "dashboard";

    [Function("Dashboard")]
    public async Task<HttpResponseData> Serve(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Route + "/{*path}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var absolute = request.Url.AbsolutePath;
        var at = absolute.IndexOf("/" + Route, StringComparison.OrdinalIgnoreCase);
        var root = at < 0 ? "/api/" + Route : absolute[..(at + Route.Length + 1)];
        var path = at < 0 ? "/" : absolute[(at + Route.Length + 1)..];
        var post = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        var dashboardRequest = new DashboardRequest(request.Method, path.Length == 0 ? "/" : path, root)
        {
            Query = DashboardRequest.ParseQuery(request.Url.Query),
            ContentType = Header(request, "Content-Type"),
            Body = post ? await new StreamReader(request.Body).ReadToEndAsync(context.CancellationToken) : null,
            User = options.Value.ShowAppServiceUser ? DashboardUser.FromHeaders(name => Header(request, name)) : null,
        };
        var reply = await dashboard.HandleAsync(dashboardRequest, new FunctionsDurableTaskClient(client, runner), context.CancellationToken);
        return await HttpReplies.WriteAsync(request, reply);
    }

    private static string? Header(HttpRequestData request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
