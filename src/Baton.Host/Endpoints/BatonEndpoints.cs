using Baton.Dashboard;
using Baton.Http;
using Baton.Scheduling;
using Baton.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Host;

/// <summary>
/// The host's HTTP surface as thin Minimal API endpoints over Baton.Http: starts, the Durable Functions instance
/// management API, approval links, the pending approvals list and the health probe.
/// </summary>
internal static class BatonEndpoints
{
    /// <summary>Maps every endpoint; start and management endpoints go through <see cref="RequireKeyFilter"/>.</summary>
    public static void MapBatonEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.ServiceProvider.GetRequiredService<HostKeys>();
        var keyFilter = new RequireKeyFilter(keys);

        app.MapGet("/health", () => Results.Json(new { status = "Healthy" }));
        app.MapGet("/health/ready", async (ReadinessCheck readiness, CancellationToken ct) => new HttpReplyResult(await readiness.CheckAsync(ct)));
        // With keys on, /dashboard answers a request without one with the key-free shell (a reload or a bookmark then
        // asks for the key), and the pages come from /dashboard-data with it.
        (keys.Enabled
            ? app.MapBatonDashboard("/dashboard", "/dashboard-data", context => keys.Accepts(RequireKeyFilter.PresentedKey(context.Request)))
            : app.MapBatonDashboard()).AddEndpointFilter(keyFilter);

        var api = app.MapGroup("/api").AddEndpointFilter(keyFilter);
        api.MapGet("/workflows", (WorkflowCatalog catalog) => new HttpReplyResult(WorkflowCatalogApi.List(catalog)));
        api.MapGet("/workflows/{name}", (string name, WorkflowCatalog catalog) => new HttpReplyResult(WorkflowCatalogApi.Get(catalog, name)));
        api.MapPost("/workflows/{name}", async (string name, string? instanceId, HttpRequest request, WorkflowStartApi starts, RequestLimits limits, CancellationToken ct) =>
        {
            var body = await BodyAsync(request, limits.MaxInputBytes, "workflow input", RequestLimits.MaxInputSetting, ct);
            return new HttpReplyResult(body.Problem ?? await starts.StartAsync(Origin(request), name, instanceId, body.Text, ct));
        });
        api.MapGet("/schedules", async (ScheduleRunner schedules, CancellationToken ct) => Results.Json(await schedules.GetStatusAsync(ct)));
        api.MapGet("/approvals", async (string? status, string? approver, ApprovalLinkApi approvals, CancellationToken ct) =>
            new HttpReplyResult(await approvals.ListAsync(status, approver, ct)));

        // The token in the link is the credential here; people answer from email without a function key.
        app.MapGet("/api/approvals/{token}", async (string token, ApprovalLinkApi approvals, CancellationToken ct) =>
            new HttpReplyResult(await approvals.GetAsync(token, ct)));
        app.MapPost("/api/approvals/{token}", async (string token, HttpRequest request, ApprovalLinkApi approvals, CancellationToken ct) =>
            new HttpReplyResult(await approvals.PostAsync(token, request.ContentType, await BodyAsync(request, ct), request.Headers.Cookie.ToString(), ct)));

        var instances = app.MapGroup(ManagementUrls.InstancesPath).AddEndpointFilter(keyFilter);
        instances.MapGet("/", async (HttpRequest request, InstanceManagementApi management, CancellationToken ct) =>
            new HttpReplyResult(await management.ListAsync(Query(request), request.Headers[InstanceListRequest.ContinuationHeader].ToString(), ct)));
        instances.MapGet("/{instanceId}", async (string instanceId, HttpRequest request, InstanceManagementApi management, CancellationToken ct) =>
            new HttpReplyResult(await management.GetStatusAsync(Origin(request), instanceId, StatusOptions.FromQuery(Query(request)), ct)));
        instances.MapPost("/{instanceId}/raiseEvent/{eventName}", async (string instanceId, string eventName, HttpRequest request, InstanceManagementApi management, RequestLimits limits, CancellationToken ct) =>
        {
            var body = await BodyAsync(request, limits.MaxEventBytes, "event body", RequestLimits.MaxEventSetting, ct);
            return new HttpReplyResult(body.Problem ?? await management.RaiseEventAsync(instanceId, eventName, request.ContentType, body.Text, ct));
        });
        instances.MapPost("/{instanceId}/terminate", async (string instanceId, string? reason, InstanceManagementApi management, CancellationToken ct) =>
            new HttpReplyResult(await management.TerminateAsync(instanceId, reason, ct)));
        instances.MapPost("/{instanceId}/suspend", async (string instanceId, string? reason, InstanceManagementApi management, CancellationToken ct) =>
            new HttpReplyResult(await management.SuspendAsync(instanceId, reason, ct)));
        instances.MapPost("/{instanceId}/resume", async (string instanceId, string? reason, InstanceManagementApi management, CancellationToken ct) =>
            new HttpReplyResult(await management.ResumeAsync(instanceId, reason, ct)));
        instances.MapDelete("/{instanceId}", async (string instanceId, InstanceManagementApi management, CancellationToken ct) =>
            new HttpReplyResult(await management.PurgeAsync(instanceId, ct)));
    }

    /// <summary>
    /// The base URL and key that URLs handed back carry: <c>Baton:Host:PublicBaseUrl</c> when set (behind a proxy),
    /// else the request's own scheme, host and path base; never the caller's key.
    /// </summary>
    private static RequestOrigin Origin(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Baton:Host:PublicBaseUrl"];
        var baseUri = configured is { Length: > 0 } ? new Uri(configured) : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}");
        // The caller's key is never echoed into the URLs handed back (Location, check-status payloads): they are logged,
        // shared and shown in pages. A caller sends its key with each request, as it did with this one.
        return new RequestOrigin(baseUri, null);
    }

    private static Func<string, string?> Query(HttpRequest request) =>
        name => request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    private static async Task<string> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Reads the body as text, or answers 413 when it is larger than <paramref name="limit"/> bytes (declared or read).</summary>
    private static async Task<(string? Text, HttpReply? Problem)> BodyAsync(HttpRequest request, long limit, string what, string setting, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, RequestLimits.TooLarge(limit, what, setting));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, RequestLimits.TooLarge(limit, what, setting));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, RequestLimits.TooLarge(limit, what, setting));
        }

        return (System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }
}
