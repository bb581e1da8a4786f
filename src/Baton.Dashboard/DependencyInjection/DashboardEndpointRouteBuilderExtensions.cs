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
}
