using System.Text;
using Microsoft.AspNetCore.Http;

namespace Baton.Dashboard;

/// <summary>
/// URLs of the dashboard's pages and of the management API on the same origin. Every URL carries the request's
/// <c>code</c> query value when there is one, so that a dashboard opened with a key keeps working behind key checks.
/// </summary>
internal sealed class DashboardLinks(string root, string managementRoot, string? code)
{
    public string? Code { get; } = string.IsNullOrEmpty(code) ? null : code;

    public string ManagementRoot { get; } = managementRoot;

    public static DashboardLinks For(HttpContext context, string prefix, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pathBase = context.Request.PathBase.Value?.TrimEnd('/') ?? string.Empty;
        var root = pathBase + "/" + prefix.Trim('/');
        var management = pathBase + "/" + options.ManagementPath.Trim('/');
        return new DashboardLinks(root.TrimEnd('/'), management, context.Request.Query["code"].FirstOrDefault());
    }

    public string Runs(IEnumerable<KeyValuePair<string, string>>? query = null) => Page("/", query);

    public string RunsFragment(IEnumerable<KeyValuePair<string, string>>? query = null) => Page("/runs", query);

    public string Run(string instanceId) => Page("/runs/" + Uri.EscapeDataString(instanceId));

    public string RunFragment(string instanceId) => Page("/runs/" + Uri.EscapeDataString(instanceId) + "/live");

    public string Approvals(IEnumerable<KeyValuePair<string, string>>? query = null) => Page("/approvals", query);

    public string PendingFragment() => Page("/approvals/pending");

    public string DecideApproval() => Page("/approvals/decide");

    public string Spend(IEnumerable<KeyValuePair<string, string>>? query = null) => Page("/spend", query);

    /// <summary>The management API URL of an instance, without a query string (the page script adds <c>code</c>).</summary>
    public string Instance(string instanceId) => ManagementRoot + "/" + Uri.EscapeDataString(instanceId);

    public string Page(string relative, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        var pairs = (query ?? []).ToList();
        if (Code is not null)
        {
            pairs.Add(new("code", Code));
        }

        var url = new StringBuilder(root).Append(relative == "/" ? "/" : relative);
        for (var i = 0; i < pairs.Count; i++)
        {
            url.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(pairs[i].Key)).Append('=').Append(Uri.EscapeDataString(pairs[i].Value));
        }

        return url.ToString();
    }
}
