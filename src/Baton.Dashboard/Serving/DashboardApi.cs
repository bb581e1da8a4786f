using Baton.Agents;
using Baton.Durable;
using Baton.Http;
using Baton.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Dashboard;

/// <summary>
/// The dashboard as request in, <see cref="HttpReply"/> out, over whichever <see cref="DurableTaskClient"/> the host
/// hands it: Baton's engine on the local host, Durable Functions' client (through Baton's adapter) on Azure Functions.
/// Both hosts call it, so both serve the same pages byte for byte. GETs read; the POSTs (run actions, bulk purge, inbox
/// decisions) take JSON only, which a browser does not send across sites without the dashboard's consent. Every
/// answer is marked <c>no-store</c>, <c>Referrer-Policy: same-origin</c> and <c>nosniff</c>. Thread-safe.
/// </summary>
public sealed class DashboardApi
{
    private static readonly ObjectFactory CallReaders = ActivatorUtilities.CreateFactory(typeof(AgentCallReader), [typeof(DurableTaskClient)]);
    private static readonly ObjectFactory RunReaders = ActivatorUtilities.CreateFactory(typeof(RunReader), [typeof(DurableTaskClient), typeof(AgentCallReader)]);
    private static readonly ObjectFactory SpendReaders = ActivatorUtilities.CreateFactory(typeof(SpendReader), [typeof(DurableTaskClient)]);
    private static readonly ObjectFactory Deciders = ActivatorUtilities.CreateFactory(typeof(ApprovalDecider), [typeof(DurableTaskClient)]);
    private readonly IServiceProvider _services;

    /// <summary>Creates the dashboard over the services <see cref="DashboardServiceCollectionExtensions.AddBatonDashboard"/> registered.</summary>
    public DashboardApi(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    private DashboardOptions Options => _services.GetRequiredService<IOptions<DashboardOptions>>().Value;

    private TimeProvider Time => _services.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>Answers one request to the dashboard, reading and acting through <paramref name="client"/>.</summary>
    public async Task<HttpReply> HandleAsync(DashboardRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var reply = await RouteAsync(request, client, cancellationToken);
        // Pages are live views: never cached, never sent on as a referrer, never sniffed into another type.
        return reply
            .WithHeader("Cache-Control", "no-store")
            .WithHeader("Referrer-Policy", "same-origin")
            .WithHeader("X-Content-Type-Options", "nosniff");
    }

    /// <summary>
    /// Answers a plain navigation to a page's address (a reload, a bookmark, a pasted link, a new tab) where the pages
    /// need a key the browser does not send by itself: the same small page for every address, holding nothing read from
    /// storage (no run, no workflow name, not even the path asked for), so it is safe to serve without a key. Its
    /// script takes the key (from <c>?code=</c>, this tab, this device, or the sign-in form it shows), loads the page at
    /// the address from <see cref="DashboardRequest.DataRoot"/> with it in the <c>x-functions-key</c> header and swaps it
    /// in; a refused key brings the form back. GET and HEAD only; nothing is read, so no client is needed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="request"/> has no <see cref="DashboardRequest.DataRoot"/> to load pages from.</exception>
    public HttpReply Shell(DashboardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.DataRoot))
        {
            throw new ArgumentException("The shell loads the pages from DashboardRequest.DataRoot (e.g. /api/dashboard-data); set it to the key-protected route that serves them.", nameof(request));
        }

        var get = string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase);
        var reply = get
            ? HttpReply.FromHtml(200, PageLayout.Shell(new DashboardLinks(request.Root, null, request.DataRoot), Options.RefreshSeconds))
            : Problems.Create(405, "Method not allowed.", $"{request.Method} is not accepted at the dashboard's address; pages and actions are sent to {request.DataRoot.TrimEnd('/')}/ with the key.").WithHeader("Allow", "GET");
        // A page with a key field is never framed by another site, never cached, never sent on as a referrer.
        return reply
            .WithHeader("Cache-Control", "no-store")
            .WithHeader("Referrer-Policy", "same-origin")
            .WithHeader("X-Content-Type-Options", "nosniff")
            .WithHeader("X-Frame-Options", "DENY")
            .WithHeader("Content-Security-Policy", "frame-ancestors 'none'");
    }

    private async Task<HttpReply> RouteAsync(DashboardRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var options = Options;
        var links = new DashboardLinks(request.Root, request.User, request.DataRoot);
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var get = string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase);
        var post = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        switch (segments)
        {
            case [] when get:
                {
                    var page = await Runs(client).ListAsync(Filter(request), PageSize(options), ct);
                    var problems = WorkflowProblemsView.Banner(_services.GetService<DeclarativeWorkflowCatalog>());
                    return Page("Runs", "runs", problems + RunsView.Page(page, Workflows(), links, options, client.SupportsRewind), links, options);
                }

            case ["runs"] when get:
                return Fragment(RunsView.Fragment(await Runs(client).ListAsync(Filter(request), PageSize(options), ct), links, options, client.SupportsRewind));
            case ["runs", "purge"] when post:
                return await BulkPurge.HandleAsync(request, client, Time, ct);
            case ["runs", var id] when get:
                {
                    var run = await Runs(client).GetAsync(id, ct);
                    return run is null
                        ? Page("Run not found", "runs", NotFound(id, links), links, options, 404)
                        : Page(run.Instance.Name + " " + id, "runs", RunView.Page(run, links, options), links, options);
                }

            case ["runs", var id, "live"] when get:
                {
                    var run = await Runs(client).GetAsync(id, ct);
                    return run is null
                        ? Fragment("<span data-final=\"true\" hidden></span>" + NotFound(id, links), 404)
                        : Fragment(RunView.Live(run, links, options));
                }

            case ["runs", var id, var action] when post:
                return await RunActions.HandleAsync(id, action, request, client, links, ct);
            case ["approvals"] when get:
                {
                    var now = Time.GetUtcNow();
                    var choice = RangeChoice.Parse(First(request, "range"), now, "7d");
                    var pending = await PendingAsync(options, ct);
                    var (decided, truncated) = await _services.GetRequiredService<ApprovalAuditReader>().ReadAsync(choice.From, null, ct);
                    return Page("Approvals", "approvals", ApprovalsView.Page(pending, decided, truncated, choice, links, options, now), links, options);
                }

            case ["approvals", "pending"] when get:
                return Fragment(ApprovalsView.Pending(await PendingAsync(options, ct), links, Time.GetUtcNow()));
            case ["approvals", "decide"] when post:
                return await InboxDecision.DecideAsync(request.ContentType, request.Body, (ApprovalDecider)Deciders(_services, [client]), ct);
            case ["spend"] when get:
                {
                    var choice = RangeChoice.Parse(First(request, "range"), Time.GetUtcNow(), "7d");
                    var report = await ((SpendReader)SpendReaders(_services, [client])).ReadAsync(choice.From, null, ct);
                    return Page("Spend", "spend", SpendView.Page(report, choice, links, options), links, options);
                }

            case ["start"] when get:
                return Page("Start a run", "start", StartView.List(_services.GetService<WorkflowCatalog>()?.Workflows ?? [], links), links, options);
            case ["start", var name] when get:
                return _services.GetService<WorkflowCatalog>() is { } catalog && catalog.TryGet(name, out var workflow)
                    ? Page("Start " + workflow.Name, "start", StartView.Form(workflow, links, StartView.StartUrl(request.Root, workflow.Name)), links, options)
                    : Page("Workflow not found", "start", "<h1>Workflow not found</h1><section class=\"card\"><p>No workflow is named <code>" + Html.E(name) +
                        "</code>.</p><p><a href=\"" + Html.E(links.Page("/start")) + "\">« All workflows</a></p></section>", links, options, 404);
            case [] or ["runs"] or ["runs", _] or ["runs", _, "live"] or ["approvals"] or ["approvals", "pending"] or ["spend"] or ["start"] or ["start", _]:
                return Problems.Create(405, "Method not allowed.", $"{request.Method} is not accepted here; use GET.").WithHeader("Allow", "GET");
            case ["runs", "purge"] or ["runs", _, _] or ["approvals", "decide"]:
                return Problems.Create(405, "Method not allowed.", $"{request.Method} is not accepted here; use POST with a JSON body.").WithHeader("Allow", "POST");
            default:
                return Page("Not found", string.Empty, "<h1>Not found</h1><section class=\"card\"><p>The dashboard has no page at <code>" + Html.E(request.Path) +
                    "</code>.</p><p><a href=\"" + Html.E(links.Runs()) + "\">« All runs</a></p></section>", links, options, 404);
        }
    }

    private RunReader Runs(DurableTaskClient client) => (RunReader)RunReaders(_services, [client, CallReaders(_services, [client])]);

    private static RunFilter Filter(DashboardRequest request) => RunFilter.Parse(request.QueryValues);

    private static int PageSize(DashboardOptions options) => Math.Clamp(options.PageSize, 1, 1000);

    private static string? First(DashboardRequest request, string name) => request.QueryValues(name).FirstOrDefault();

    private async Task<IReadOnlyList<DashboardPendingApproval>> PendingAsync(DashboardOptions options, CancellationToken ct)
    {
        IReadOnlyList<DashboardPendingApproval> pending;
        try
        {
            pending = await _services.GetRequiredService<IPendingApprovalSource>().GetPendingAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The inbox is one part of the page; a failing source must not take the audit trail down with it.
            Log.PendingApprovalsFailed(_services.GetRequiredService<ILoggerFactory>().CreateLogger("Baton.Dashboard"), e);
            return [];
        }

        return options.ApprovalLink is { } link
            ? [.. pending.Select(p => p.Link is null ? p with { Link = link(p) } : p)]
            : pending;
    }

    private IReadOnlyList<string> Workflows() => _services.GetService<WorkflowCatalog>()?.Names ?? [];

    private static string NotFound(string instanceId, DashboardLinks links) =>
        "<h1>Run not found</h1><section class=\"card\"><p>No run with id <code>" + Html.E(instanceId) +
        "</code> exists (it may have been purged).</p><p><a href=\"" + Html.E(links.Runs()) + "\">« All runs</a></p></section>";

    private static HttpReply Page(string title, string active, string body, DashboardLinks links, DashboardOptions options, int status = 200) =>
        HttpReply.FromHtml(status, PageLayout.Render(title, active, body, links, options.RefreshSeconds));

    private static HttpReply Fragment(string html, int status = 200) => HttpReply.FromHtml(status, html);
}
