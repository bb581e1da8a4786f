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
        var keyFilter = new RequireKeyFilter(app.ServiceProvider.GetRequiredService<HostKeys>());

        app.MapGet("/health", () => Results.Json(new { status = "Healthy" }));
        app.MapBatonDashboard().AddEndpointFilter(keyFilter);

        var api = app.MapGroup("/api").AddEndpointFilter(keyFilter);
        api.MapGet("/workflows", (WorkflowCatalog catalog) =>
            Results.Json(catalog.Workflows.Select(w => new { name = w.Name, input = w.InputType.Name, output = w.OutputType.Name, description = w.Description })));
        api.MapPost("/workflows/{name}", async (string name, string? instanceId, HttpRequest request, WorkflowStartApi starts, CancellationToken ct) =>
            new HttpReplyResult(await starts.StartAsync(Origin(request), name, instanceId, await BodyAsync(request, ct), ct)));
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
        instances.MapPost("/{instanceId}/raiseEvent/{eventName}", async (string instanceId, string eventName, HttpRequest request, InstanceManagementApi management, CancellationToken ct) =>
            new HttpReplyResult(await management.RaiseEventAsync(instanceId, eventName, request.ContentType, await BodyAsync(request, ct), ct)));
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
    /// else the request's own scheme, host and path base; the key the caller presented, when keys are on.
    /// </summary>
    private static RequestOrigin Origin(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Baton:Host:PublicBaseUrl"];
        var baseUri = configured is { Length: > 0 } ? new Uri(configured) : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}");
        var keys = request.HttpContext.RequestServices.GetRequiredService<HostKeys>();
        return new RequestOrigin(baseUri, keys.Enabled ? RequireKeyFilter.PresentedKey(request) : null);
    }

    private static Func<string, string?> Query(HttpRequest request) =>
        name => request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    private static async Task<string> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
