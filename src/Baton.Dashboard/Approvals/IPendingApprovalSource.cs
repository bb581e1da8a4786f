namespace Baton.Dashboard;

/// <summary>
/// Where the approvals inbox reads what is waiting for a decision. The default derives pending approvals from running
/// instances whose custom status names a pending approval event; a host that tracks approvals itself can register its own.
/// </summary>
public interface IPendingApprovalSource
{
    /// <summary>Approvals waiting for a decision now, oldest request first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DashboardPendingApproval>> GetPendingAsync(CancellationToken cancellationToken = default);
}
