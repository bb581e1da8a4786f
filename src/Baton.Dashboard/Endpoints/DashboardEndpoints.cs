using Baton.Agents;
using Baton.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Dashboard;

/// <summary>The dashboard's routes and their handlers.</summary>
internal static class DashboardEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(async (context, next) =>
        {
            // Pages are live views and links carry the key in their query: never cache them, never send them on as a referrer.
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "same-origin";
            headers.XContentTypeOptions = "nosniff";
            return await next(context);
        });
        group.MapGet("/", async (HttpContext context, RunReader runs, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var (links, page) = await RunsAsync(context, prefix, runs, options.Value, ct);
            var workflows = Workflows(context.RequestServices);
            var problems = WorkflowProblemsView.Banner(context.RequestServices.GetService<DeclarativeWorkflowCatalog>());
            return Page("Runs", "runs", problems + RunsView.Page(page, workflows, links, options.Value), links, options.Value);
        });
        group.MapGet("/runs", async (HttpContext context, RunReader runs, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var (links, page) = await RunsAsync(context, prefix, runs, options.Value, ct);
            return Fragment(RunsView.Fragment(page, links, options.Value));
        });
        group.MapGet("/runs/{instanceId}", async (string instanceId, HttpContext context, RunReader runs, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var links = DashboardLinks.For(context, prefix, options.Value);
            var run = await runs.GetAsync(instanceId, ct);
            return run is null
                ? Page("Run not found", "runs", NotFound(instanceId, links), links, options.Value, StatusCodes.Status404NotFound)
                : Page(run.Instance.Name + " " + instanceId, "runs", RunView.Page(run, links, options.Value), links, options.Value);
        });
        group.MapGet("/runs/{instanceId}/live", async (string instanceId, HttpContext context, RunReader runs, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var links = DashboardLinks.For(context, prefix, options.Value);
            var run = await runs.GetAsync(instanceId, ct);
            return run is null
                ? Fragment("<span data-final=\"true\" hidden></span>" + NotFound(instanceId, links), StatusCodes.Status404NotFound)
                : Fragment(RunView.Live(run, links, options.Value));
        });
        group.MapGet("/approvals", async (string? range, HttpContext context, ApprovalAuditReader audit, TimeProvider time, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var links = DashboardLinks.For(context, prefix, options.Value);
            var now = time.GetUtcNow();
            var choice = RangeChoice.Parse(range, now, "7d");
            var pending = await PendingAsync(context, options.Value, ct);
            var (decided, truncated) = await audit.ReadAsync(choice.From, null, ct);
            return Page("Approvals", "approvals", ApprovalsView.Page(pending, decided, truncated, choice, links, options.Value, now), links, options.Value);
        });
        group.MapGet("/approvals/pending", async (HttpContext context, TimeProvider time, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var links = DashboardLinks.For(context, prefix, options.Value);
            return Fragment(ApprovalsView.Pending(await PendingAsync(context, options.Value, ct), links, time.GetUtcNow()));
        });
        group.MapPost("/approvals/decide", async (HttpContext context, ApprovalDecider decider, CancellationToken ct) =>
            await InboxDecision.DecideAsync(context, decider, ct));
        group.MapGet("/spend", async (string? range, HttpContext context, SpendReader spend, TimeProvider time, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var links = DashboardLinks.For(context, prefix, options.Value);
            var choice = RangeChoice.Parse(range, time.GetUtcNow(), "7d");
            var report = await spend.ReadAsync(choice.From, null, ct);
            return Page("Spend", "spend", SpendView.Page(report, choice, links, options.Value), links, options.Value);
        });
        group.MapGet("/start", (HttpContext context, IOptions<DashboardOptions> options) =>
        {
            var links = DashboardLinks.For(context, prefix, options.Value);
            var workflows = context.RequestServices.GetService<WorkflowCatalog>()?.Workflows ?? [];
            return Page("Start a run", "start", StartView.List(workflows, links), links, options.Value);
        });
        group.MapGet("/start/{name}", (string name, HttpContext context, IOptions<DashboardOptions> options) =>
        {
            var links = DashboardLinks.For(context, prefix, options.Value);
            WorkflowDescriptor? workflow = null;
            return context.RequestServices.GetService<WorkflowCatalog>()?.TryGet(name, out workflow) == true
                ? Page("Start " + workflow!.Name, "start", StartView.Form(workflow, links, StartView.StartUrl(context.Request.PathBase.Value ?? string.Empty, workflow.Name)), links, options.Value)
                : Page("Workflow not found", "start", "<h1>Workflow not found</h1><section class=\"card\"><p>No workflow is named <code>" + Html.E(name) + "</code>.</p></section>", links, options.Value, StatusCodes.Status404NotFound);
        });
        return group;
    }

    private static async Task<(DashboardLinks Links, RunPage Page)> RunsAsync(HttpContext context, string prefix, RunReader runs, DashboardOptions options, CancellationToken ct)
    {
        var links = DashboardLinks.For(context, prefix, options);
        var query = context.Request.Query;
        var filter = RunFilter.Parse(name => [.. query[name].Where(v => v is not null).Select(v => v!)]);
        return (links, await runs.ListAsync(filter, Math.Clamp(options.PageSize, 1, 1000), ct));
    }

    private static async Task<IReadOnlyList<DashboardPendingApproval>> PendingAsync(HttpContext context, DashboardOptions options, CancellationToken ct)
    {
        var services = context.RequestServices;
        IReadOnlyList<DashboardPendingApproval> pending;
        try
        {
            pending = await services.GetRequiredService<IPendingApprovalSource>().GetPendingAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The inbox is one part of the page; a failing source must not take the audit trail down with it.
            Log.PendingApprovalsFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger("Baton.Dashboard"), e);
            return [];
        }

        return options.ApprovalLink is { } link
            ? [.. pending.Select(p => p.Link is null ? p with { Link = link(p) } : p)]
            : pending;
    }

    private static IReadOnlyList<string> Workflows(IServiceProvider services) =>
        services.GetService<WorkflowCatalog>()?.Names ?? [];

    private static string NotFound(string instanceId, DashboardLinks links) =>
        "<h1>Run not found</h1><section class=\"card\"><p>No run with id <code>" + Html.E(instanceId) +
        "</code> exists (it may have been purged).</p><p><a href=\"" + Html.E(links.Runs()) + "\">« All runs</a></p></section>";

    private static IResult Page(string title, string active, string body, DashboardLinks links, DashboardOptions options, int status = StatusCodes.Status200OK) =>
        Results.Content(PageLayout.Render(title, active, body, links, options.RefreshSeconds), HtmlType, System.Text.Encoding.UTF8, status);

    private static IResult Fragment(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, HtmlType, System.Text.Encoding.UTF8, status);
}
