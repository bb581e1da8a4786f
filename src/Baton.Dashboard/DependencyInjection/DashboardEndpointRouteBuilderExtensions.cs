using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Baton.Dashboard;

/// <summary>Maps the dashboard's pages.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard under <paramref name="prefix"/>: the runs list at <c>{prefix}</c>, a run at
    /// <c>{prefix}/runs/{instanceId}</c>, the approvals inbox at <c>{prefix}/approvals</c> and spend at
    /// <c>{prefix}/spend</c>, plus the HTML fragments the pages refresh from. All are GET and read-only except
    /// <c>POST {prefix}/approvals/decide</c> (JSON only, so browsers cannot send it cross-site), through which the inbox
    /// decides as one of an approval's approvers; the run page's actions call the management API on the same origin. Returns the group so that the host can add its key check
    /// (the pages carry a <c>code</c> query value through every link and call).
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
