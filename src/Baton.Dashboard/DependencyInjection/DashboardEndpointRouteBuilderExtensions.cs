using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Baton.Dashboard;

/// <summary>Maps the dashboard's pages.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard under <paramref name="prefix"/>: the runs list at <c>{prefix}</c>, a run at
    /// <c>{prefix}/runs/{instanceId}</c>, the approvals inbox at <c>{prefix}/approvals</c> and spend at
    /// <c>{prefix}/spend</c>, plus the HTML fragments the pages refresh from, all answered by <see cref="DashboardApi"/>. GETs
    /// read; the POSTs (a run's actions, bulk purge, the inbox's decisions) take JSON only, so browsers cannot send them
    /// cross-site. Returns the group so that the host can add its key check: links never carry the key; the page script
    /// keeps the key it was opened with (<c>?code=</c>) for the tab and sends it as <c>x-functions-key</c>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The path the dashboard lives under.</param>
    public static RouteGroupBuilder MapBatonDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/dashboard")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        return DashboardEndpoints.Map(endpoints, "/" + prefix.Trim('/'));
    }

    /// <summary>
    /// Maps the dashboard for a host with keys, so that an address without the key (a reload, a bookmark, a new tab)
    /// still opens: a request under <paramref name="prefix"/> that presents a key (<paramref name="presentsKey"/>) gets
    /// its page; one without gets the key-free shell (<see cref="DashboardApi.Shell"/>), whose script loads the page from
    /// <paramref name="dataPrefix"/> with the key it keeps or asks for. Returns the group under
    /// <paramref name="dataPrefix"/>, to which the host adds its key check; links keep the <paramref name="prefix"/> form.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The path the dashboard's pages are addressed by.</param>
    /// <param name="dataPrefix">The key-protected path the pages, fragments and actions are served from.</param>
    /// <param name="presentsKey">True when a request carries an accepted key.</param>
    public static RouteGroupBuilder MapBatonDashboard(this IEndpointRouteBuilder endpoints, string prefix, string dataPrefix, Func<Microsoft.AspNetCore.Http.HttpContext, bool> presentsKey)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPrefix);
        ArgumentNullException.ThrowIfNull(presentsKey);
        return DashboardEndpoints.Map(endpoints, "/" + prefix.Trim('/'), "/" + dataPrefix.Trim('/'), presentsKey);
    }
}
