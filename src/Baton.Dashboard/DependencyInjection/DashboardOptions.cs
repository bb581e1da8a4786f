namespace Baton.Dashboard;

/// <summary>How the dashboard pages read and present runs.</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// Whether the pages show the user App Service authentication signed in (from its <c>X-MS-CLIENT-PRINCIPAL*</c>
    /// headers). Turn it on only behind App Service authentication, which sets those headers and drops any a caller
    /// sends; the name is shown, never trusted for anything. The hosts turn it on when <c>WEBSITE_AUTH_ENABLED</c> is true.
    /// </summary>
    public bool ShowAppServiceUser { get; set; }

    /// <summary>Runs per page in the runs list.</summary>
    public int PageSize { get; set; } = 25;

    /// <summary>Seconds between refreshes of the live parts of a page; 0 turns refreshing off.</summary>
    public int RefreshSeconds { get; set; } = 3;

    /// <summary>
    /// Most runs the approvals audit trail and the spend page read for one answer; they read the newest first
    /// within the chosen time range and say when they stopped early.
    /// </summary>
    public int MaxRunsScanned { get; set; } = 500;

    /// <summary>Text put before estimated costs (the price table's currency).</summary>
    public string CostPrefix { get; set; } = "$";

    /// <summary>
    /// Gives the approval page link for a pending approval, or null when none can be given. Unset, the inbox shows
    /// approvals without links. A link carries an approver's credential: set this only where everyone who can open
    /// the dashboard may act for the approvers.
    /// </summary>
    public Func<DashboardPendingApproval, Uri?>? ApprovalLink { get; set; }
}
