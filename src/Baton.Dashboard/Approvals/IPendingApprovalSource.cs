namespace Baton.Dashboard;

/// <summary>
/// Where the approvals inbox reads what is waiting for a decision. The default reads the pending records of the
/// approvals ledger (<see cref="Baton.Agents.IApprovalLedger"/>); a host can register its own.
/// </summary>
public interface IPendingApprovalSource
{
    /// <summary>Approvals waiting for a decision now, oldest request first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DashboardPendingApproval>> GetPendingAsync(CancellationToken cancellationToken = default);
}
