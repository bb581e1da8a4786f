using System.Text;

namespace Baton.Dashboard;

/// <summary>
/// URLs of the dashboard's pages, fragments and actions under its root. No URL carries a key: the page script keeps the
/// key the dashboard was opened with and sends it in the <c>x-functions-key</c> header (see dashboard.js), so that keys do
/// not end up in links people copy, in browser history or in logs of the pages' URLs.
/// </summary>
internal sealed class DashboardLinks(string root, DashboardUser? user = null, string? dataRoot = null)
{
    /// <summary>The dashboard's root path, without a trailing slash.</summary>
    public string Root { get; } = root.TrimEnd('/');

    /// <summary>
    /// The root the page script fetches from in place of <see cref="Root"/> (see <see cref="DashboardRequest.DataRoot"/>),
    /// without a trailing slash; null when pages are fetched at their address.
    /// </summary>
    public string? DataRoot { get; } = dataRoot?.TrimEnd('/');

    /// <summary>The signed-in user the pages show, when App Service authentication names one.</summary>
    public DashboardUser? User { get; } = user;

    public string Runs(IEnumerable<KeyValuePair<string, string>>? query = null) => Page("/", query);

    public string RunsFragment(IEnumerable<KeyValuePair<string, string>>? query = null) => Page("/runs", query);

    public string Run(string instanceId) => Page("/runs/" + Uri.EscapeDataString(instanceId));

    public string RunFragment(string instanceId) => Page("/runs/" + Uri.EscapeDataString(instanceId) + "/live");

    public string BulkPurge() => Page("/runs/purge");

    public string Approvals(IEnumerable<KeyValuePair<string, string>>? query = null) => Page("/approvals", query);

    public string PendingFragment() => Page("/approvals/pending");

    public string DecideApproval() => Page("/approvals/decide");

    public string Spend(IEnumerable<KeyValuePair<string, string>>? query = null) => Page("/spend", query);

    /// <summary>The base URL of a run's actions: the page script POSTs JSON to <c>{this}/{action}</c>.</summary>
    public string Instance(string instanceId) => Page("/runs/" + Uri.EscapeDataString(instanceId));

    public string Page(string relative, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        var url = new StringBuilder(Root).Append(relative == "/" ? "/" : relative);
        var first = true;
        foreach (var (key, value) in query ?? [])
        {
            url.Append(first ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return url.ToString();
    }
}
